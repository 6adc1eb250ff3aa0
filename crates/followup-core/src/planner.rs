//! The one planning recipe: a style and the installed channels become a [`Planner`],
//! built once and reused for every interview planned under them.
//!
//! The recipe is: the business calendar (each recipient's own country's public
//! holidays, the style's `timing.country`'s or the US's for those whose country is not
//! known, plus the style's own dates), the style's timing policy brought within the
//! rules' limits, and the manifests with the style's channel settings applied. `followup plan`, `draft` and `export`, the style
//! pack check of `followup validate` and batch runs all plan through it, so a plan
//! does not depend on who asked for it.

use crate::calendar::BusinessCalendar;
use crate::manifest::ChannelManifest;
use crate::plan::Plan;
use crate::rules::{self, TimingPolicy};
use crate::style::Style;
use crate::validate::ValidInterview;

/// Everything a plan needs besides the interview, prepared once.
///
/// ```
/// use followup_core::manifest::ChannelManifest;
/// use followup_core::planner::Planner;
/// use followup_core::style::Style;
///
/// let email: ChannelManifest =
///     serde_json::from_value(followup_core::examples::manifest_example())?;
/// let planner = Planner::new(&Style::default(), &[email]);
///
/// let interview = serde_json::from_value(followup_core::examples::interview_example())?;
/// let interview = followup_core::validate::validate(interview)?;
/// let plan = planner.plan(&interview);
/// assert_eq!(plan, planner.plan(&interview), "a plan depends only on its inputs");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Planner {
    calendar: BusinessCalendar,
    policy: TimingPolicy,
    manifests: Vec<ChannelManifest>,
}

pub use crate::tracking::Progress;

impl Planner {
    /// The planner for interviews under `style` with the channels `manifests` (the
    /// installed plugins' own manifests; the style's channel settings are applied
    /// here).
    pub fn new(style: &Style, manifests: &[ChannelManifest]) -> Planner {
        let mut calendar = BusinessCalendar::new(style.holiday_rules());
        style.extend_calendar(&mut calendar);
        let manifests = style.apply_to(manifests);
        Planner::from_parts(calendar, style.policy(), manifests)
    }

    /// A planner from its parts, for callers that build the calendar, the policy and
    /// the manifests themselves (tests); the policy and the manifests are brought
    /// within the rules' limits.
    pub fn from_parts(
        calendar: BusinessCalendar,
        policy: TimingPolicy,
        manifests: Vec<ChannelManifest>,
    ) -> Planner {
        let manifests = rules::within_limits(&manifests).into_owned();
        Planner { calendar, policy: policy.clamped(), manifests }
    }

    /// Plans one interview from the start.
    pub fn plan(&self, interview: &ValidInterview) -> Plan {
        self.plan_with(interview, &Progress::default())
    }

    /// Plans one interview given what already happened to it.
    pub fn plan_with(&self, interview: &ValidInterview, progress: &Progress) -> Plan {
        rules::plan_within_limits(
            interview,
            &self.manifests,
            &self.calendar,
            &self.policy,
            progress,
        )
    }

    /// The business calendar plans are made on.
    pub fn calendar(&self) -> &BusinessCalendar {
        &self.calendar
    }

    /// The timing policy in force, within the rules' limits.
    pub fn policy(&self) -> &TimingPolicy {
        &self.policy
    }

    /// The channels' manifests as the rules see them: the style's settings applied.
    pub fn manifests(&self) -> &[ChannelManifest] {
        &self.manifests
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::policy::LIMITS;

    fn manifests() -> Vec<ChannelManifest> {
        let email: ChannelManifest =
            serde_json::from_value(crate::examples::manifest_example()).expect("manifest");
        let mut letter = email.clone();
        letter.id = "letter".to_string();
        letter.delivery.transit_business_days = 90;
        vec![email, letter]
    }

    /// The planner is the recipe the CLI and validate each wrote by hand before issue 9:
    /// the same plan, from the same calendar, policy and manifests.
    #[test]
    fn the_planner_plans_as_the_recipe_it_replaces() {
        let style: Style = serde_json::from_value(crate::examples::style_example()).expect("style");
        let interview =
            serde_json::from_value(crate::examples::interview_example()).expect("interview");
        let interview = crate::validate::validate(interview).expect("valid");

        let mut calendar = BusinessCalendar::new(style.holiday_rules());
        style.extend_calendar(&mut calendar);
        let by_hand =
            rules::plan(&interview, &style.apply_to(&manifests()), &calendar, &style.policy());

        let planner = Planner::new(&style, &manifests());
        assert_eq!(planner.plan(&interview), by_hand);
        assert_eq!(planner.plan_with(&interview, &Progress::default()), by_hand);
    }

    #[test]
    fn figures_beyond_the_limits_are_clamped_once() {
        let policy = TimingPolicy { check_in_count: 1000, ..TimingPolicy::default() };
        let planner = Planner::from_parts(BusinessCalendar::default(), policy, manifests());
        assert_eq!(planner.policy().check_in_count, LIMITS.check_in_count.most);
        let letter = planner.manifests().iter().find(|m| m.id == "letter").expect("letter");
        assert_eq!(letter.delivery.transit_business_days, LIMITS.transit_business_days.most);
    }
}
