//! One snapshot per interview file: the plan as JSON, with times, recipients and the
//! reasons a candidate reads. Fixtures in `tests/plans/` each pin one rule (their first
//! comment says which); `docs/examples/` are the bundled examples.

use std::path::Path;

use followup_tests::{plan_with_defaults, valid_interview};

#[track_caller]
fn check_plan(path: &Path) {
    let plan = plan_with_defaults(&valid_interview(path));
    insta::assert_json_snapshot!(plan);
}

#[test]
fn plans_for_rule_fixtures() {
    insta::glob!("../plans", "*.toml", |path| check_plan(path));
}

#[test]
fn plans_for_bundled_examples() {
    insta::glob!("../../docs/examples", "*.toml", |path| check_plan(path));
}

/// Issue 14: the LinkedIn request's window closed 73 hours after the thank-you (its
/// 60-minute pause plus 72 hours) while the manifest and the docs say 72.
#[test]
fn linkedin_requests_close_72_hours_after_the_thank_you() {
    use followup_core::plan::Purpose;
    let root = followup_tests::workspace_root();
    let mut checked = 0;
    for folder in ["tests/plans", "docs/examples"] {
        let entries = std::fs::read_dir(root.join(folder)).expect("the folder lists");
        for path in entries.map(|e| e.expect("an entry").path()) {
            if path.extension().is_none_or(|ext| ext != "toml") {
                continue;
            }
            let plan = plan_with_defaults(&valid_interview(&path));
            for request in plan.steps.iter().filter(|s| s.purpose == Purpose::ConnectionRequest) {
                let thank_you = plan
                    .steps
                    .iter()
                    .filter(|s| s.purpose == Purpose::ThankYou)
                    .filter(|s| s.recipient.name == request.recipient.name)
                    .map(|s| s.send_at)
                    .min()
                    .expect("a request follows a thank-you");
                let limit = thank_you + jiff::SignedDuration::from_hours(72);
                assert_eq!(request.not_after, limit, "{}: {}", path.display(), request.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "some fixture plans a LinkedIn request");
}

/// Issue 14: business days skipped only US federal holidays, so an interviewer in
/// London could be thanked on a bank holiday. Each recipient's days are now their own
/// country's: from `country`, else from their time zone.
#[test]
fn each_recipient_s_own_public_holidays_are_skipped() {
    let path = followup_tests::workspace_root().join("tests/plans/easter-monday-in-london.toml");
    let send_at = |interview: followup_core::interview::Interview, id: &str| {
        let interview = followup_core::validate::validate(interview).expect("valid");
        let plan = plan_with_defaults(&interview);
        let step = plan.steps.iter().find(|s| s.id == id).expect("the step is planned");
        step.send_at.to_zoned_datetime(step.time_zone.clone()).to_string()
    };
    let as_written = followup_tests::read_interview(&path);
    // From her zone, Harriet keeps England's Easter Monday; Owen in New York does not.
    assert_eq!(
        send_at(as_written.clone(), "thank-you-harriet-cole-email"),
        "2026-04-07T09:00:00+01:00[Europe/London]"
    );
    assert_eq!(
        send_at(as_written.clone(), "thank-you-owen-diaz-email"),
        "2026-04-06T11:45:00-04:00[America/New_York]"
    );
    // A country given wins over the zone, both ways.
    let mut told = as_written;
    told.interviewers[0].country = Some("US".to_string());
    told.interviewers[1].country = Some("GB".to_string());
    assert_eq!(
        send_at(told.clone(), "thank-you-harriet-cole-email"),
        "2026-04-06T16:45:00+01:00[Europe/London]"
    );
    assert_eq!(
        send_at(told, "thank-you-owen-diaz-email"),
        "2026-04-07T09:00:00-04:00[America/New_York]"
    );
}
