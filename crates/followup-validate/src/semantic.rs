//! The semantic pass: what the schemas cannot say, mostly core's own checks, as
//! problems with the `rule` rule.

use std::collections::BTreeMap;

use followup_core::interview::{CandidateDetails, Interview};
use followup_core::manifest::ChannelManifest;
use followup_core::plan::Plan;
use followup_core::style::Style;
use followup_core::validate::{self, ValidInterview};

use crate::field_path::join;
use crate::hint::{closest, quoted_list};
use crate::problem::Problem;

/// The rule name of every semantic problem.
pub(crate) const RULE: &str = "rule";

fn from_core(problem: followup_core::problem::Problem) -> Problem {
    Problem::from_core(problem, RULE)
}

/// Core's validation of an interview, after merging the candidate's profile.
pub(crate) fn interview(
    mut interview: Interview,
    profile: &CandidateDetails,
) -> Result<ValidInterview, Vec<Problem>> {
    interview.candidate = interview.candidate.or_profile(profile);
    validate::validate(interview)
        .map_err(|invalid| invalid.problems.into_iter().map(from_core).collect())
}

/// What core noticed in a valid interview but does not refuse (a time in a
/// daylight-saving gap, a phrase that will read badly), as warnings.
pub(crate) fn warnings(valid: &ValidInterview) -> Vec<Problem> {
    valid
        .warnings
        .iter()
        .map(|warning| {
            let mut problem = from_core(warning.clone());
            problem.level = crate::problem::Level::Warning;
            problem
        })
        .collect()
}

/// A profile's details, checked by the rules core applies to an interview's candidate.
pub(crate) fn profile(details: CandidateDetails) -> Vec<Problem> {
    // Core checks candidate details only within an interview: wrap them in the smallest
    // valid one and keep what it says about the candidate. A profile may leave the name
    // out (each interview can give it).
    let wrapper = serde_json::json!({
        "employer": {"company": "Profile check"},
        "role": {"title": "Profile check", "kind": "professional"},
        "meeting": {"start": "2026-01-05T10:00:00Z", "duration_minutes": 30, "time_zone": "UTC"},
        "interviewers": [{"name": "Profile check"}],
    });
    let Ok(mut interview) = serde_json::from_value::<Interview>(wrapper) else {
        return Vec::new();
    };
    interview.candidate = details;
    match validate::validate(interview) {
        Ok(_) => Vec::new(),
        Err(invalid) => invalid
            .problems
            .into_iter()
            .filter(|p| p.field != "candidate.name")
            .filter_map(|mut p| {
                p.field = p.field.strip_prefix("candidate.")?.to_string();
                Some(from_core(p))
            })
            .collect(),
    }
}

/// What core checks of a manifest beyond its shape.
pub(crate) fn manifest(manifest: &ChannelManifest) -> Vec<Problem> {
    match manifest.check() {
        Ok(()) => Vec::new(),
        Err(problems) => problems.into_iter().map(from_core).collect(),
    }
}

/// A style's channels must be installed (else a warning: a style may carry settings for
/// a firm's own plugin that is not installed here), and its ranges must be in order.
pub(crate) fn style(style: &Style, installed: &[ChannelManifest]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for id in style.channels.keys() {
        if let Some(problem) = unknown_channel(&join("channels", id), id, "settings", installed) {
            problems.push(problem);
        }
    }
    // The figures and ranges are core's rules: `plan` and `draft --style` refuse the
    // same styles.
    if let Err(found) = style.check() {
        problems.extend(found.into_iter().map(from_core));
    }
    problems
}

/// A warning when no installed plugin provides `id`, naming what does exist.
pub(crate) fn unknown_channel(
    field: &str,
    id: &str,
    what: &str,
    installed: &[ChannelManifest],
) -> Option<Problem> {
    if installed.iter().any(|m| m.id == id) {
        return None;
    }
    let ids: Vec<&str> = installed.iter().map(|m| m.id.as_str()).collect();
    let hint = match closest(id, ids.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if ids.is_empty() => {
            "no channel plugins are installed; run `followup plugins` to see where they are looked for"
                .to_string()
        }
        None => format!(
            "install the plugin that provides `{id}`, or remove these {what}; the installed channels are {}",
            quoted_list(ids.iter().copied())
        ),
    };
    Some(
        Problem::warning(
            field,
            RULE,
            format!(
                "no installed plugin provides the channel `{id}`, so its {what} are not checked"
            ),
        )
        .with_hint(hint),
    )
}

/// A plan's steps have unique ids and recommend a moment inside their window.
pub(crate) fn plan(plan: &Plan) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut first_with_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, step) in plan.steps.iter().enumerate() {
        let field = format!("steps[{index}]");
        if let Some(first) = first_with_id.insert(step.id.as_str(), index) {
            first_with_id.insert(step.id.as_str(), first);
            problems.push(
                Problem::error(
                    join(&field, "id"),
                    RULE,
                    format!("`{}` is also the id of steps[{first}]", step.id),
                )
                .with_hint("step ids must be unique within a plan"),
            );
        }
        if !(step.not_before <= step.send_at && step.send_at <= step.not_after) {
            problems.push(Problem::error(
                join(&field, "send_at"),
                RULE,
                "the recommended moment is outside the window from `not_before` to `not_after`",
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_problems_are_the_candidates_without_the_prefix() {
        let details = CandidateDetails {
            phone: Some("555".into()),
            time_zone: Some(followup_core::time::ZoneName("America/Chicgo".into())),
            ..CandidateDetails::default()
        };
        let found = profile(details);
        let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["phone", "time_zone"]);
        assert_eq!(found[1].hint.as_deref(), Some("did you mean `America/Chicago`?"));
        assert!(profile(CandidateDetails::default()).is_empty(), "a profile may omit the name");
    }

    #[test]
    fn figures_beyond_what_the_rules_plan_for_are_refused() {
        let style: Style = serde_json::from_value(serde_json::json!({
            "timing": {"check_in_count": 4_000_000_000u32, "check_in_after_decision": [1, 400], "cool_off_minutes": 30},
            "channels": {"letter": {"transit_business_days": 90}}
        }))
        .expect("a style");
        let found = super::style(&style, &[]);
        let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "channels.letter",
                "timing.check_in_count",
                "timing.check_in_after_decision[1]",
                "channels.letter.transit_business_days"
            ]
        );
    }

    #[test]
    fn unknown_channels_are_warnings_with_the_closest_installed() {
        let style: Style = serde_json::from_value(serde_json::json!({
            "channels": {"emial": {}}
        }))
        .expect("a style");
        let manifest: ChannelManifest =
            serde_json::from_value(followup_core::examples::manifest_example()).expect("manifest");
        let found = super::style(&style, &[manifest]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, crate::Level::Warning);
        assert_eq!(found[0].field, "channels.emial");
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `email`?"));
    }
}
