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
