//! The rules engine: from a validated interview and the loaded channel manifests to a
//! follow-up plan.
//!
//! [`plan`] is a pure function of its inputs. It decides, for every message the advice
//! calls for (a thank-you per interviewer, a debrief to the recruiter, the check-ins, a
//! connection request), which channel carries it (`select`), who receives it (core's
//! [addressing](crate::plan::address)), and when to send it (`timing`), and writes down
//! why in words a candidate understands. Planning many interviews under one style is
//! [`crate::planner::Planner`]'s job; it runs this same engine.
//!
//! The engine's rooms: `messages` chooses the messages and their windows, `scheduling`
//! places each on a channel at a moment, `reasons` writes the ids, the reasons and the
//! warnings; `select`, `timing` and `people` are what they use, and [`policy`] holds
//! every figure and its limit.

mod messages;
mod people;
pub mod policy;
mod reasons;
mod scheduling;
mod select;
mod timing;

use std::borrow::Cow;

pub use policy::TimingPolicy;

use crate::calendar::BusinessCalendar;
use crate::manifest::ChannelManifest;
use crate::plan::{Plan, Recipient, Step};
use crate::tracking::Progress;
use crate::validate::ValidInterview;
use people::Person;
use select::Refusal;

/// Plans the follow-up of one interview.
///
/// `channels` are the manifests of the loaded plugins; with none, the plan has no steps
/// and says so in its warnings. The policy's figures and the channels' transit days are
/// first brought within [`policy::LIMITS`].
///
/// ```
/// use followup_core::calendar::{BusinessCalendar, HolidayRules};
/// use followup_core::manifest::ChannelManifest;
/// use followup_core::rules::{self, TimingPolicy};
///
/// let interview: followup_core::interview::Interview =
///     serde_json::from_value(followup_core::examples::interview_example())?;
/// let interview = followup_core::validate::validate(interview)?;
/// let email: ChannelManifest =
///     serde_json::from_value(followup_core::examples::manifest_example())?;
/// let calendar = BusinessCalendar::new(HolidayRules::default());
///
/// let plan = rules::plan(&interview, &[email], &calendar, &TimingPolicy::default());
/// assert!(plan.steps.iter().any(|step| step.id.starts_with("thank-you-")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn plan(
    interview: &ValidInterview,
    channels: &[ChannelManifest],
    calendar: &BusinessCalendar,
    policy: &TimingPolicy,
) -> Plan {
    plan_within_limits(
        interview,
        &within_limits(channels),
        calendar,
        &policy.clamped(),
        &Progress::default(),
    )
}

/// The manifests with their transit days brought within [`policy::LIMITS`]; copied only
/// in the rare case that one is beyond them.
pub(crate) fn within_limits(channels: &[ChannelManifest]) -> Cow<'_, [ChannelManifest]> {
    let most = policy::LIMITS.transit_business_days;
    if channels.iter().all(|m| m.delivery.transit_business_days <= most.most) {
        return Cow::Borrowed(channels);
    }
    channels
        .iter()
        .cloned()
        .map(|mut manifest| {
            manifest.delivery.transit_business_days =
                most.clamp(manifest.delivery.transit_business_days);
            manifest
        })
        .collect()
}

/// [`plan`], for a clamped policy and manifests [`within_limits`].
pub(crate) fn plan_within_limits(
    interview: &ValidInterview,
    channels: &[ChannelManifest],
    calendar: &BusinessCalendar,
    policy: &TimingPolicy,
    progress: &Progress,
) -> Plan {
    let mut engine = Engine {
        iv: interview,
        channels,
        fits: select::fits(channels, &interview.interview),
        calendar,
        policy,
        progress,
        steps: Vec::new(),
        refusals: Vec::new(),
        warnings: Vec::new(),
    };
    engine.run();
    engine.finish()
}

/// One run of the rules: its inputs, and the plan as it grows.
struct Engine<'a> {
    iv: &'a ValidInterview,
    channels: &'a [ChannelManifest],
    /// How each of `channels` fits the interview.
    fits: Vec<select::ChannelFit>,
    calendar: &'a BusinessCalendar,
    policy: &'a TimingPolicy,
    /// What already happened (tracked interviews): later steps follow real sends.
    progress: &'a Progress,
    steps: Vec<Step>,
    refusals: Vec<Refusal>,
    warnings: Vec<String>,
}

/// Who one message is addressed to, and the person whose details (zone, contacts)
/// decide its channel and moment.
struct Target<'p> {
    to: Person<'p>,
    recipient: Recipient,
}

impl<'p> Target<'p> {
    /// A message to `to` alone, for themself.
    fn direct(to: Person<'p>) -> Target<'p> {
        let recipient = Recipient::direct(to.name, to.kind);
        Target { to, recipient }
    }
}

impl Engine<'_> {
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
}
