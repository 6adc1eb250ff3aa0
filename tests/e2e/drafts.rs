//! Drafts of every step of every example and fixture, rendered by the loaded plugins:
//! one snapshot per interview file, with each message, its checks and its facts.

use std::path::Path;

use followup_core::calendar::{BusinessCalendar, HolidayRules};
use followup_core::draft::{CheckLevel, DraftStyle};
use followup_core::plan::Purpose;
use followup_core::rules::{self, TimingPolicy};
use followup_tests::{
    bundled_channels, draft_step, draft_text, plan_with_defaults, valid_interview, workspace_root,
};

#[track_caller]
fn check_drafts(path: &Path) {
    let interview = valid_interview(path);
    let plan = plan_with_defaults(&interview);
    let mut text = String::new();
    for step in &plan.steps {
        let draft = draft_step(&interview, step, &DraftStyle::default())
            .unwrap_or_else(|err| panic!("{} does not draft: {err}", step.id));
        text.push_str(&draft_text(&draft));
        text.push('\n');
    }
    insta::assert_snapshot!(text);
}

#[test]
fn drafts_for_bundled_examples() {
    insta::glob!("../../docs/examples", "*.toml", |path| check_drafts(path));
}

#[test]
fn drafts_for_rule_fixtures() {
    insta::glob!("../plans", "*.toml", |path| check_drafts(path));
}

#[test]
fn drafts_for_drafting_fixtures() {
    insta::glob!("../drafts", "*.toml", |path| check_drafts(path));
}

fn fixture(name: &str) -> std::path::PathBuf {
    workspace_root().join("tests").join(name)
}

#[test]
fn template_syntax_in_user_text_appears_as_written() {
    let interview = valid_interview(&fixture("drafts/template-injection.toml"));
    let plan = plan_with_defaults(&interview);
    let step = plan.steps.iter().find(|s| s.purpose == Purpose::ThankYou).expect("a thank-you");
    let draft = draft_step(&interview, step, &DraftStyle::default()).expect("drafts");
    for literal in [
        "{{ x }} and {% if true %}branches{% endif %}",
        "Engineer {{ 7 * 7 }}",
        "Acme {% raw %}",
        "{{ secrets }}",
    ] {
        assert!(draft.body.contains(literal), "`{literal}` is missing from:\n{}", draft.body);
    }
    assert!(!draft.body.contains("49"), "nothing was evaluated");
}

#[test]
fn letter_card_variant_is_short_and_checked_against_the_card_limit() {
    let interview = valid_interview(&fixture("plans/letter-in-time.toml"));
    let plan = plan_with_defaults(&interview);
    let step = plan.steps.iter().find(|s| s.channel == "letter").expect("a letter step");
    let card_style = DraftStyle {
        channel_settings: [("variant".to_string(), "card".into())].into_iter().collect(),
        ..DraftStyle::default()
    };
    let card = draft_step(&interview, step, &card_style).expect("card drafts");
    let letter = draft_step(&interview, step, &DraftStyle::default()).expect("letter drafts");
    assert_eq!(card.meta["variant"], "card");
    assert!(card.body.len() < letter.body.len(), "a card is shorter than a letter");
    assert!(!card.body.contains("9 Beacon Street"), "a card has no address block");
    assert!(letter.body.contains("9 Beacon Street"), "the letter has the recipient's address");
    assert!(letter.body.starts_with("Lee Park\n"), "the letter starts with the sender");
    insta::assert_snapshot!(draft_text(&card));

    let bad = DraftStyle {
        channel_settings: [("variant".to_string(), "scroll".into())].into_iter().collect(),
        ..DraftStyle::default()
    };
    let err = draft_step(&interview, step, &bad).expect_err("unknown variant is refused");
    assert!(err.contains("unknown variant `scroll`"), "{err}");
}

#[test]
fn linkedin_premium_allows_the_longer_note() {
    let interview = valid_interview(&fixture("drafts/linkedin-too-long.toml"));
    let plan = plan_with_defaults(&interview);
    let step = plan.steps.iter().find(|s| s.channel == "linkedin").expect("a LinkedIn step");
    let free = draft_step(&interview, step, &DraftStyle::default()).expect("drafts");
    assert_eq!(free.worst(), CheckLevel::Fail, "nothing fits 200 characters");
    assert!(free.body.chars().count() > 200, "the note is reported, not cut");
    let premium = DraftStyle {
        channel_settings: [("account_tier".to_string(), "premium".into())].into_iter().collect(),
        ..DraftStyle::default()
    };
    let draft = draft_step(&interview, step, &premium).expect("drafts");
    assert_eq!(draft.meta["cap"], 300);
    assert!(draft.checks.iter().any(|c| c.name == "note_cap" && c.level == CheckLevel::Pass));
}

#[test]
fn closing_the_loop_is_drafted_when_the_policy_asks_for_it() {
    let interview =
        valid_interview(&workspace_root().join("docs/examples/professional-email.toml"));
    let policy = TimingPolicy { closing_the_loop: true, ..TimingPolicy::default() };
    let plan = rules::plan(
        &interview,
        bundled_channels(),
        &BusinessCalendar::new(HolidayRules::default()),
        &policy,
    );
    let step = plan
        .steps
        .iter()
        .find(|s| s.purpose == Purpose::ClosingTheLoop)
        .expect("the policy adds a closing note");
    let draft = draft_step(&interview, step, &DraftStyle::default()).expect("drafts");
    insta::assert_snapshot!(draft_text(&draft));
}
