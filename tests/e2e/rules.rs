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
