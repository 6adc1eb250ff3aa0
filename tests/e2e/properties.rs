//! Properties every plan must have, checked on generated interviews: every recommended
//! moment lies inside its window, texts only at allowed hours and only with consent,
//! nothing reaches an interviewer under `via_recruiter`, LinkedIn after the thank-you,
//! and a moment in business hours is never on the recipient's country's public holiday.

use followup_core::country::Country;
use followup_core::holidays;
use followup_core::interview::{
    CandidateDetails, Culture, Employer, EstablishedBy, EstablishedChannel, Interview, Interviewer,
    Meeting, NextSteps, OutreachPolicy, Recruiter, Role, RoleKind, Staffing,
};
use followup_core::plan::{Purpose, RecipientKind};
use followup_core::time::{Day, Moment, ZoneName};
use followup_core::validate::validate;
use followup_tests::plan_with_defaults;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const ZONES: &[&str] = &[
    "America/Chicago",
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Sydney",
];

const KINDS: &[RoleKind] = &[
    RoleKind::Professional,
    RoleKind::Executive,
    RoleKind::Hourly,
    RoleKind::Shift,
    RoleKind::Temporary,
    RoleKind::Contract,
    RoleKind::Field,
    RoleKind::Internship,
];

const CULTURES: &[Culture] =
    &[Culture::Standard, Culture::Traditional, Culture::Boutique, Culture::Startup];

fn interviewer(index: usize, zone: Option<&str>, contacts: u8, florida: bool) -> Interviewer {
    Interviewer {
        name: format!("Person {index}"),
        email: (contacts & 1 != 0).then(|| format!("p{index}@example.com")),
        phone: (contacts & 2 != 0).then(|| format!("+1312555{index:04}")),
        linkedin: (contacts & 4 != 0).then(|| format!("https://www.linkedin.com/in/p{index}")),
        time_zone: zone.map(|z| ZoneName(z.to_string())),
        jurisdiction: florida.then(|| "US-FL".to_string()),
        topics: vec!["the project".to_string()],
        ..Interviewer::default()
    }
}

prop_compose! {
    pub(crate) fn interviews()(
        // All of 2026 and 2027, so daylight-saving changes and holidays are crossed.
        start_seconds in 1_767_225_600i64..1_830_297_600,
        minutes in 15u32..240,
        zone in 0..ZONES.len(),
        kind in 0..KINDS.len(),
        culture in 0..CULTURES.len(),
        people in prop::collection::vec((prop::option::of(0..ZONES.len()), 0u8..8, any::<bool>()), 1..4),
        sms_established in any::<bool>(),
        outreach in 0usize..4,
        decision_days in prop::option::of(0i64..15),
        industry in prop::option::of(prop::sample::select(vec!["technology", "logistics", "finance"])),
        has_address in any::<bool>(),
    ) -> Interview {
        let start = Timestamp::from_second(start_seconds).expect("range is valid");
        let meeting_zone = ZONES[zone];
        let tz = jiff::tz::db().get(meeting_zone).expect("bundled zone");
        let decision = decision_days.map(|days| {
            Day(start.to_zoned_datetime(tz.clone()).date().checked_add(jiff::Span::new().days(days)).expect("in range"))
        });
        let staffing = match outreach {
            1 => Some(OutreachPolicy::Direct),
            2 => Some(OutreachPolicy::CcRecruiter),
            3 => Some(OutreachPolicy::ViaRecruiter),
            _ => None,
        }
        .map(|outreach| Staffing {
            firm: "Staffing Network".to_string(),
            recruiter: Recruiter {
                name: "Rae Cruz".to_string(),
                email: Some("rae@staffing.example".to_string()),
                phone: Some("+13125550999".to_string()),
                ..Recruiter::default()
            },
            outreach,
        });
        let established_by = if staffing.is_some() { EstablishedBy::Recruiter } else { EstablishedBy::Employer };
        Interview {
            schema: None,
            candidate: CandidateDetails { name: Some("Cam Doe".to_string()), ..CandidateDetails::default() },
            employer: Employer {
                company: "Acme".to_string(),
                industry: industry.map(str::to_string),
                culture: CULTURES[culture],
                address: has_address.then(|| vec!["1 Main St".to_string()]),
            },
            role: Role { title: "Role".to_string(), kind: KINDS[kind] },
            meeting: Meeting {
                start: followup_core::meeting_time::MeetingMoment::from(start),
                end: None,
                duration_minutes: Some(minutes),
                time_zone: ZoneName(meeting_zone.to_string()),
                format: Default::default(),
            },
            interviewers: people
                .into_iter()
                .enumerate()
                .map(|(i, (zone, contacts, florida))| interviewer(i, zone.map(|z| ZONES[z]), contacts, florida))
                .collect(),
            reinforce: Default::default(),
            next_steps: NextSteps { decision_date: decision, ..NextSteps::default() },
            staffing,
            established_channels: if sms_established {
                vec![EstablishedChannel { channel: "sms".to_string(), by: established_by, who: None }]
            } else {
                Vec::new()
            },
            status: Default::default(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_plan_keeps_the_rules(interview in interviews()) {
        let outreach = interview.staffing.as_ref().map(|s| s.outreach);
        let kind = interview.role.kind;
        let sms_established = !interview.established_channels.is_empty();
        let valid = validate(interview).expect("generated interviews are valid");
        let plan = plan_with_defaults(&valid);

        for step in &plan.steps {
            prop_assert!(step.not_before <= step.send_at && step.send_at <= step.not_after,
                "{} recommends {} outside its window {}..{}", step.id, step.send_at, step.not_before, step.not_after);

            if step.channel == "sms" {
                let local = step.send_at.to_zoned_datetime(step.time_zone.clone()).time();
                let florida = valid.interview.interviewers.iter()
                    .any(|p| p.name == step.recipient.name && p.jurisdiction.as_deref() == Some("US-FL"));
                let last = if florida { 20 } else { 21 };
                prop_assert!(local.hour() >= 8 && local.hour() < last, "{} texts at {local}", step.id);
                prop_assert!(sms_established, "{} texts without consent", step.id);
                prop_assert!(matches!(kind, RoleKind::Hourly | RoleKind::Shift | RoleKind::Temporary | RoleKind::Field),
                    "{} texts for a {kind:?} role", step.id);
            }

            // Issue 14: a moment in business hours is on a business day of the country
            // whose clock the step is read on (these interviews give no `country`, so
            // their zones decide it: London, Kolkata and Sydney have their own holidays).
            if step.rationale.iter().any(|r| r.starts_with("Recommended at the first moment in")) {
                let local = step.send_at.to_zoned_datetime(step.time_zone.clone()).date();
                let country = step.time_zone.iana_name().and_then(Country::of_zone).unwrap_or(Country::US);
                prop_assert_eq!(holidays::national_on(country, local), None,
                    "{} is recommended on a public holiday in {}", &step.id, country);
            }

            if outreach == Some(OutreachPolicy::ViaRecruiter) {
                prop_assert_eq!(step.recipient.kind, RecipientKind::Recruiter, "{} reaches an interviewer", &step.id);
            }

            if step.purpose == Purpose::ThankYou && step.channel != "letter" {
                prop_assert_eq!(step.not_after.duration_since(valid.end), SignedDuration::from_hours(24));
            }

            if step.purpose == Purpose::ConnectionRequest {
                let thanks = plan.steps.iter()
                    .filter(|s| s.purpose == Purpose::ThankYou && s.recipient.name == step.recipient.name)
                    .map(|s| s.send_at)
                    .min();
                prop_assert!(thanks.is_some_and(|t| t < step.send_at), "{} is not after its thank-you", step.id);
            }
        }
        let check_ins = plan.steps.iter().filter(|s| s.purpose == Purpose::CheckIn).count();
        prop_assert!(check_ins <= 2, "{check_ins} check-ins");
        let thank_you_recipients = plan.steps.iter().filter(|s| s.purpose == Purpose::ThankYou).count();
        prop_assert!(thank_you_recipients >= valid.interview.interviewers.len() || !plan.warnings.is_empty(),
            "an interviewer got no thank-you and no warning says why");
    }
}

/// The ends of the representable calendar: windows and business days saturate instead
/// of panicking.
#[test]
fn plans_at_the_edges_of_time_do_not_panic() {
    let strategy = interviews();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut planned = 0;
    for start in ["9999-12-30T10:00:00Z", "-009999-01-03T00:00:00Z", "9999-12-27T10:00:00Z"] {
        for _ in 0..20 {
            let mut interview = strategy.new_tree(&mut runner).expect("generator works").current();
            interview.meeting.start =
                followup_core::meeting_time::MeetingMoment::parse(start).expect("valid moment");
            interview.next_steps.decision_date = None;
            if let Ok(valid) = validate(interview) {
                let plan = plan_with_defaults(&valid);
                planned += plan.steps.len();
                for step in &plan.steps {
                    assert!(
                        step.not_before <= step.send_at && step.send_at <= step.not_after,
                        "{}",
                        step.id
                    );
                }
            }
        }
    }
    assert!(planned > 0, "some interviews at the edges were planned");
}

/// A planner with the bundled channels and the built-in style.
fn default_planner() -> followup_core::planner::Planner {
    followup_core::planner::Planner::new(
        &followup_core::style::Style::default(),
        followup_tests::bundled_channels(),
    )
}

fn user_event(
    at: Timestamp,
    kind: followup_core::tracking::EventKind,
) -> followup_core::tracking::Event {
    followup_core::tracking::Event {
        at: Moment(at),
        source: followup_core::tracking::Source::User,
        kind,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// What the tracker's events change, on generated interviews and histories: a
    /// connection request follows its thank-you as really sent; a reply leaves no
    /// check-in open but every unsent thank-you; an opt-out leaves no step on that
    /// channel to that person; an out-of-office reply pauses check-ins until the day
    /// the person is back.
    #[test]
    fn tracked_events_change_plans_as_the_rules_say(
        interview in interviews(),
        late_minutes in 0i64..(3 * 24 * 60),
        reply_after_hours in 1i64..(30 * 24),
        away_days in 1i64..20,
        pick in any::<prop::sample::Index>(),
    ) {
        use followup_core::tracking::{self, EventKind, Progress, consent};
        let valid = validate(interview.clone()).expect("generated interviews are valid");
        let planner = default_planner();
        let plan = planner.plan(&valid);
        prop_assume!(!plan.steps.is_empty());

        // Sent late: what follows it moves after the real send.
        if let Some(thanks) = plan.steps.iter().find(|s| s.purpose == Purpose::ThankYou) {
            let sent_at = thanks.send_at.saturating_add(SignedDuration::from_mins(late_minutes)).expect("in range");
            let events = vec![user_event(sent_at, EventKind::Sent { step: Box::new(thanks.clone()) })];
            let replanned = planner.plan_with(&valid, &Progress::from_events(&events));
            for step in &replanned.steps {
                prop_assert!(step.not_before <= step.send_at && step.send_at <= step.not_after, "{}", step.id);
                if step.purpose == Purpose::ConnectionRequest && step.recipient.name == thanks.recipient.name {
                    prop_assert!(step.not_before > sent_at, "{} opens before the thank-you went out", step.id);
                }
            }
            let agenda = tracking::agenda(&replanned, &events, "Acme");
            let done = agenda.steps.iter().filter(|t| matches!(t.state, tracking::StepState::Sent { .. })).count();
            prop_assert_eq!(done, 1);
        }

        // A reply stops the nudges, not the courtesy.
        let reply_at = valid.end.saturating_add(SignedDuration::from_hours(reply_after_hours)).expect("in range");
        let events = vec![user_event(reply_at, EventKind::Replied { from: None })];
        let agenda = tracking::agenda(&plan, &events, "Acme");
        for tracked in &agenda.steps {
            match tracked.step.purpose {
                Purpose::CheckIn | Purpose::ClosingTheLoop => prop_assert!(!tracked.state.is_open(), "{} still open after a reply", tracked.step.id),
                Purpose::ThankYou => prop_assert!(tracked.state.is_open(), "{} stopped by a reply", tracked.step.id),
                _ => {}
            }
        }

        // An opt-out is never planned again for that person.
        let step = pick.get(&plan.steps);
        let person = step.recipient.name.clone();
        let channel = step.channel.clone();
        let record = user_event(reply_at, EventKind::OptedOut {
            person: person.clone(), channel: channel.clone(), said: Some("STOP".to_string()), contacts: Vec::new(),
        });
        let opt_outs: Vec<_> = consent::OptOut::from_event(&record).into_iter().collect();
        let mut document = interview.clone();
        let applied = consent::apply(&mut document, &opt_outs);
        prop_assert!(!applied.is_empty(), "the opt-out of {person} from {channel} applies");
        let replanned = planner.plan(&validate(document).expect("still valid"));
        prop_assert!(!replanned.steps.iter().any(|s| s.recipient.name == person && s.channel == channel),
            "{person} is still planned on {channel}");

        // Out of office: check-ins to that person wait until they are back.
        if let Some(first) = plan.steps.iter().find(|s| s.purpose == Purpose::CheckIn) {
            let noticed = first.not_before.saturating_sub(SignedDuration::from_hours(24)).expect("in range");
            let back = first.not_before.to_zoned_datetime(first.time_zone.clone()).date()
                .checked_add(jiff::Span::new().days(away_days)).expect("in range");
            let events = vec![user_event(noticed, EventKind::OutOfOffice {
                person: Some(first.recipient.name.clone()), until: Some(Day(back)),
            })];
            let paused = planner.plan_with(&valid, &Progress::from_events(&events));
            for step in paused.steps.iter().filter(|s| matches!(s.purpose, Purpose::CheckIn | Purpose::ClosingTheLoop)) {
                let opens = step.not_before.to_zoned_datetime(step.time_zone.clone()).date();
                prop_assert!(opens >= back, "{} opens {opens}, before {back}", step.id);
                prop_assert!(step.not_before <= step.send_at && step.send_at <= step.not_after, "{}", step.id);
            }
            let before = plan.steps.iter().filter(|s| s.purpose == Purpose::CheckIn).count();
            let after = paused.steps.iter().filter(|s| s.purpose == Purpose::CheckIn).count();
            prop_assert_eq!(before, after, "paused, not stopped");
        }
    }
}
