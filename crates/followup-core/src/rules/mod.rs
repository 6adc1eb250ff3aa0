//! The rules engine: from a validated interview and the loaded channel manifests to a
//! follow-up plan.
//!
//! [`plan`] is a pure function of its inputs. It decides, for every message the advice
//! calls for (a thank-you per interviewer, a debrief to the recruiter, the check-ins, a
//! connection request), which channel carries it (`select`), who receives it (the
//! outreach policy), and when to send it ([`timing`]), and writes down why in words a
//! candidate understands.

mod people;
pub mod policy;
mod select;
pub mod timing;

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

pub use policy::TimingPolicy;

use crate::calendar::BusinessCalendar;
use crate::interview::OutreachPolicy;
use crate::manifest::{ChannelManifest, Reckoning, SelectionMode};
use crate::plan::{Plan, Purpose, Recipient, RecipientKind, Skipped, Step};
use crate::time::Day;
use crate::validate::ValidInterview;
use people::Person;
use select::{Candidate, Refusal};
use timing::{MomentKind, Window, human, human_date};

/// Plans the follow-up of one interview.
///
/// `channels` are the manifests of the loaded plugins; with none, the plan has no steps
/// and says so in its warnings.
pub fn plan(
    interview: &ValidInterview,
    channels: &[ChannelManifest],
    calendar: &BusinessCalendar,
    policy: &TimingPolicy,
) -> Plan {
    let policy = &policy.clamped();
    // Transit days beyond what the rules plan for are clamped too; the manifests are
    // copied only in that rare case.
    let most_transit = policy::LIMITS.transit_business_days.most;
    let channels: std::borrow::Cow<'_, [ChannelManifest]> =
        if channels.iter().any(|m| m.delivery.transit_business_days > most_transit) {
            channels
                .iter()
                .cloned()
                .map(|mut manifest| {
                    manifest.delivery.transit_business_days =
                        manifest.delivery.transit_business_days.min(most_transit);
                    manifest
                })
                .collect()
        } else {
            std::borrow::Cow::Borrowed(channels)
        };
    let mut planner = Planner {
        iv: interview,
        channels: &channels,
        calendar,
        policy,
        steps: Vec::new(),
        refusals: Vec::new(),
        warnings: Vec::new(),
    };
    planner.run();
    planner.finish()
}

struct Planner<'a> {
    iv: &'a ValidInterview,
    channels: &'a [ChannelManifest],
    calendar: &'a BusinessCalendar,
    policy: &'a TimingPolicy,
    steps: Vec<Step>,
    refusals: Vec<Refusal>,
    warnings: Vec<String>,
}

/// Who one message is addressed to, and for whom.
struct Target<'p> {
    to: Person<'p>,
    on_behalf_of: Option<&'p str>,
    cc: Vec<String>,
}

impl<'a> Planner<'a> {
    fn run(&mut self) {
        if self.channels.is_empty() {
            self.warnings.push(
                "no channel plugins are loaded, so nothing can be planned; run `followup plugins` to see where they are looked for"
                    .to_string(),
            );
            return;
        }
        self.warn_about_input();
        self.debrief();
        self.thank_yous();
        self.connection_requests();
        self.check_ins();
    }

    fn warn_about_input(&mut self) {
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

    fn company(&self) -> &'a str {
        &self.iv.interview.employer.company
    }

    fn staffing_names(&self) -> Option<(&'a str, &'a str)> {
        self.iv.interview.staffing.as_ref().map(|s| (s.firm.as_str(), s.recruiter.name.as_str()))
    }

    /// The thank-you targets: each interviewer, or the recruiter on their behalf.
    fn thank_you_targets(&self) -> Vec<Target<'a>> {
        let recruiter = people::recruiter(self.iv);
        people::interviewers(self.iv)
            .into_iter()
            .map(|person| match (people::outreach(self.iv), &recruiter) {
                (OutreachPolicy::ViaRecruiter, Some(recruiter)) => Target {
                    to: recruiter.clone(),
                    on_behalf_of: Some(person.name),
                    cc: Vec::new(),
                },
                (OutreachPolicy::CcRecruiter, Some(recruiter)) => {
                    Target { to: person, on_behalf_of: None, cc: vec![recruiter.name.to_string()] }
                }
                _ => Target { to: person, on_behalf_of: None, cc: Vec::new() },
            })
            .collect()
    }

    fn outreach_reason(&self, target: &Target<'_>) -> Option<String> {
        let (firm, recruiter) = self.staffing_names()?;
        match (people::outreach(self.iv), target.on_behalf_of) {
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

    fn debrief(&mut self) {
        let Some(recruiter) = people::recruiter(self.iv) else { return };
        let Some((firm, _)) = self.staffing_names() else { return };
        let end = self.iv.end;
        let start = later(end, minutes(self.policy.debrief_after_minutes));
        let day_end = end_of_day(end, &recruiter.zone);
        let at_least = later(end, hours(self.policy.debrief_min_hours));
        let window = Window { start, end: day_end.max(at_least) };
        let target = Target { to: recruiter, on_behalf_of: None, cc: Vec::new() };
        let intro = vec![format!(
            "{firm} placed you: tell {} how it went the same day; a recruiter can advise on tone, timing and what to stress",
            target.to.name
        )];
        self.schedule_primary(Purpose::Debrief, None, &target, window, intro);
    }

    fn thank_yous(&mut self) {
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

    /// Schedules a message on the best channel that can carry it; returns whether one
    /// could.
    fn schedule_primary(
        &mut self,
        purpose: Purpose,
        sequence: Option<u32>,
        target: &Target<'_>,
        window: Window,
        intro: Vec<String>,
    ) -> bool {
        let (candidates, refusals) = select::rank(
            self.channels,
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
            travelling.manifest.name.to_lowercase(),
            human_date(arrives),
            human_date(decision),
            match backup {
                Some(backup) =>
                    format!(": {} goes out as well", backup.manifest.name.to_lowercase()),
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
            travelling.manifest.name.to_lowercase(),
            human_date(decision),
            backup.manifest.name.to_lowercase()
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
    fn decision_date(&self) -> Option<Date> {
        let next = &self.iv.interview.next_steps;
        if let Some(day) = next.decision_date {
            return Some(day.0);
        }
        let days = next.respond_within_business_days?;
        Some(self.calendar.add_business_days(self.interview_day(), days))
    }

    fn interview_day(&self) -> Date {
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
        let (zone, whose) = match manifest.hours.reckoned_in {
            Reckoning::Recipient => {
                (target.to.zone.clone(), format!("{}'s", target.to.first_name()))
            }
            Reckoning::Sender => (self.iv.candidate_zone.clone(), "your".to_string()),
        };
        let allowed = manifest.hours.allowed_in(target.to.jurisdiction);
        let (send_at, kind) =
            timing::recommend(window, &zone, self.policy.business_hours, allowed, self.calendar)?;

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
                    format!("at the first moment {} allows", manifest.name.to_lowercase())
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
        rationale.extend(self.holidays_between(window.start, holidays_until, &zone));

        let transit = manifest.delivery.transit_business_days;
        let arrives_by = (transit > 0).then(|| {
            let sent = send_at.to_zoned_datetime(zone.clone()).date();
            Day(self.calendar.add_business_days(sent, transit))
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
            recipient: Recipient {
                name: target.to.name.to_string(),
                kind: target.to.kind,
                on_behalf_of: target.on_behalf_of.map(str::to_string),
                cc: target.cc.clone(),
            },
            time_zone: zone,
            not_before: window.start,
            send_at,
            not_after: window.end,
            arrives_by,
            rationale,
            warnings: Vec::new(),
        })
    }

    /// Sentences naming the holidays skipped between two instants.
    fn holidays_between(&self, from: Timestamp, to: Timestamp, zone: &TimeZone) -> Vec<String> {
        let mut day = from.to_zoned_datetime(zone.clone()).date();
        let last = to.to_zoned_datetime(zone.clone()).date();
        let mut out = Vec::new();
        while day <= last {
            if let Some(name) = self.calendar.holiday(day)
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

    fn connection_requests(&mut self) {
        let complements: Vec<&ChannelManifest> = self
            .channels
            .iter()
            .filter(|m| m.selection.mode == SelectionMode::Complement)
            .collect();
        if complements.is_empty() {
            return;
        }
        if people::outreach(self.iv) == OutreachPolicy::ViaRecruiter {
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

    /// A complement step, placed after the step it must follow.
    fn complement_step(
        &mut self,
        purpose: Purpose,
        person: &Person<'_>,
        candidate: &Candidate<'_>,
    ) -> Option<Step> {
        let ordering = &candidate.manifest.ordering;
        let target = Target { to: person.clone(), on_behalf_of: None, cc: Vec::new() };
        let mut intro = Vec::new();
        let window = match ordering.after {
            Some(after) => {
                let previous = self
                    .steps
                    .iter()
                    .filter(|s| s.purpose == after && s.recipient.name == person.name)
                    .min_by_key(|s| s.send_at)?;
                let mut start = later(previous.send_at, minutes(ordering.gap_minutes));
                if let Some(arrives) = previous.arrives_by
                    && let Some(arrival) = timing::at_local(
                        arrives.0,
                        self.policy.business_hours.start.0,
                        &person.zone,
                    )
                {
                    start = start.max(arrival);
                }
                intro.push(format!(
                    "{} keeps you visible; it comes after the {} ({} by {}), not before it",
                    candidate.manifest.name,
                    after.label(),
                    human(previous.send_at, &person.zone),
                    previous.channel
                ));
                Window { start, end: later(start, hours(ordering.window_hours)) }
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

    fn check_ins(&mut self) {
        if self.iv.interview.status.employer_replied {
            self.warnings
                .push(format!("{} has replied, so no check-ins are planned", self.company()));
            return;
        }
        let interviewers = people::interviewers(self.iv);
        let Some(lead) = interviewers.get(people::lead_index(self.iv)).cloned() else { return };
        let recruiter = people::recruiter(self.iv);
        let target = match (people::outreach(self.iv), recruiter) {
            (OutreachPolicy::ViaRecruiter, Some(recruiter)) => {
                Target { to: recruiter, on_behalf_of: Some(lead.name), cc: Vec::new() }
            }
            (OutreachPolicy::CcRecruiter, Some(recruiter)) => {
                Target { to: lead, on_behalf_of: None, cc: vec![recruiter.name.to_string()] }
            }
            _ => Target { to: lead, on_behalf_of: None, cc: Vec::new() },
        };
        let (first_day, last_day, why) = match self.decision_date() {
            Some(decision) => {
                let (a, b) = self.policy.check_in_after_decision;
                let stated = if self.iv.interview.next_steps.decision_date.is_some() {
                    "The decision was expected by"
                } else {
                    "They said they would be in touch by"
                };
                (
                    self.calendar.add_business_days(decision, a),
                    self.calendar.add_business_days(decision, b),
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
                    self.calendar.add_business_days(day, a),
                    self.calendar.add_business_days(day, b),
                    format!(
                        "No decision date was given: check in {a} to {b} business days after the interview"
                    ),
                )
            }
        };
        let spacing = self.policy.check_in_spacing_business_days;
        let count = self.policy.check_in_count;
        for index in 0..count + u32::from(self.policy.closing_the_loop) {
            let shift = index.saturating_mul(spacing);
            let from = self.calendar.add_business_days(first_day, shift);
            let to = self.calendar.add_business_days(last_day, shift);
            let zone = &target.to.zone;
            let (Some(start), Some(end)) = (
                timing::at_local(from, self.policy.business_hours.start.0, zone),
                timing::at_local(to, self.policy.business_hours.end.0, zone),
            ) else {
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
            self.schedule_primary(purpose, sequence, &target, Window { start, end }, intro);
        }
    }

    fn finish(mut self) -> Plan {
        self.steps.sort_by(|a, b| {
            a.send_at.cmp(&b.send_at).then(a.recipient.name.cmp(&b.recipient.name))
        });
        let mut taken = BTreeSet::new();
        for step in &mut self.steps {
            let about = step.recipient.on_behalf_of.as_deref().unwrap_or(&step.recipient.name);
            let mut id = step.purpose.as_str().replace('_', "-");
            if let Some(sequence) = step.sequence {
                id.push_str(&format!("-{sequence}"));
            }
            id.push_str(&format!("-{}-{}", slug(about), step.channel));
            let mut unique = id.clone();
            let mut n = 2;
            while !taken.insert(unique.clone()) {
                unique = format!("{id}-{n}");
                n += 1;
            }
            step.id = unique;
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

/// `at` moved by `by`, clamped to the representable range.
fn later(at: Timestamp, by: SignedDuration) -> Timestamp {
    at.saturating_add(by).unwrap_or(if by.is_negative() { Timestamp::MIN } else { Timestamp::MAX })
}

fn minutes(n: u32) -> SignedDuration {
    SignedDuration::from_mins(i64::from(n))
}

fn hours(n: u32) -> SignedDuration {
    SignedDuration::from_hours(i64::from(n))
}

/// The last instant of the local day that contains `at`.
fn end_of_day(at: Timestamp, zone: &TimeZone) -> Timestamp {
    let day = at.to_zoned_datetime(zone.clone()).date();
    day.tomorrow()
        .ok()
        .and_then(|next| timing::at_local(next, jiff::civil::Time::midnight(), zone))
        .map_or(at, |midnight| later(midnight, SignedDuration::from_secs(-1)))
}

/// A lower-case, dash-separated form of a name for ids and file names:
/// `Dana Whitfield` → `dana-whitfield`, `José Müller` → `jose-muller`. Latin letters
/// lose their accents so the id is easy to type; other scripts are kept.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if let Some(plain) = fold_latin(c) {
            out.push_str(plain);
        } else if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "someone".to_string() } else { out }
}

/// The plain letters for an accented lower-case Latin letter.
fn fold_latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ţťŧ", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("þ", "th"),
    ];
    TABLE.iter().find(|(accented, _)| accented.contains(c)).map(|(_, plain)| *plain)
}

/// The recipient kind's word, used by front ends.
pub fn recipient_word(kind: RecipientKind) -> &'static str {
    match kind {
        RecipientKind::Interviewer => "interviewer",
        RecipientKind::Recruiter => "recruiter",
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_easy_to_type() {
        assert_eq!(slug("Dana Whitfield"), "dana-whitfield");
        assert_eq!(slug("José Müller-Łukasiewicz"), "jose-muller-lukasiewicz");
        assert_eq!(slug("  O'Brien, Jr. "), "o-brien-jr");
        assert_eq!(slug("佐藤 花子"), "佐藤-花子");
        assert_eq!(slug("!!!"), "someone");
    }
}
