//! Style packs: the example pack changes plans and drafts as documented, with the
//! style winning over the plugins' defaults and those over the built-in defaults.

use std::path::Path;

use followup_test_support::ScratchDir;
use followup_tests::{Invocation, run_followup, workspace_root};
use serde_json::Value;

const PACK: &str = "docs/examples/styles/staffing-network";
const NOW: &str = "2026-11-24T18:00:00-06:00";

/// Runs `followup` from the workspace root with a clean home; returns exit code,
/// stdout and stderr.
#[track_caller]
fn followup(home: &Path, args: &[&str]) -> (i32, String, String) {
    let run = run_followup(args, &Invocation { home: Some(home), ..Invocation::default() });
    (run.code, run.stdout, run.stderr)
}

#[track_caller]
fn plan_json(args: &[&str]) -> Value {
    let home = ScratchDir::new("style-plan");
    let mut all = vec!["plan", "--format", "json", "--now", NOW];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = followup(home.path(), &all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("JSON plan")
}

fn step<'p>(plan: &'p Value, id: &str) -> &'p Value {
    plan["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["id"] == id))
        .unwrap_or_else(|| panic!("no step {id} in {plan}"))
}

#[test]
fn example_style_changes_the_drafts() {
    let home = ScratchDir::new("style-drafts");
    for example in ["professional-email", "shift-text"] {
        let file = format!("docs/examples/{example}.toml");
        let (code, stdout, stderr) =
            followup(home.path(), &["draft", &file, "--style", PACK, "--now", NOW]);
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(format!("styled-{example}"), stdout);
    }
}

#[test]
fn style_timing_wins_over_the_built_in_defaults() {
    let plain = plan_json(&["docs/examples/professional-email.toml"]);
    let styled = plan_json(&["docs/examples/professional-email.toml", "--style", PACK]);
    let id = "thank-you-dana-whitfield-email";
    // The interview ends at 15:00; the default cool-off is 60 minutes, the style's 30.
    assert_eq!(step(&plain, id)["not_before"], "2026-11-24T16:00:00-06:00");
    assert_eq!(step(&styled, id)["not_before"], "2026-11-24T15:30:00-06:00");
    // Settings the style leaves alone keep their defaults: the 24 hours.
    assert_eq!(step(&styled, id)["not_after"], "2026-11-25T15:00:00-06:00");
}

#[test]
fn style_channel_hours_win_over_the_plugin() {
    // Saturday 18:45-19:15 in Florida: the plugin allows texts until 20:00 there, the
    // style only until 19:00 and from 08:30.
    let fixture = "tests/plans/sms-florida-saturday.toml";
    let id = "thank-you-rosa-ortiz-sms";
    let plain = plan_json(&[fixture]);
    let styled = plan_json(&[fixture, "--style", PACK]);
    assert_eq!(step(&plain, id)["send_at"], "2026-12-06T08:00:00-05:00");
    assert_eq!(step(&styled, id)["send_at"], "2026-12-06T08:30:00-05:00");
}

#[test]
fn style_channel_settings_reach_the_plugins() {
    let home = ScratchDir::new("style-settings");
    let (code, stdout, stderr) = followup(
        home.path(),
        &[
            "draft",
            "tests/plans/letter-in-time.toml",
            "--style",
            PACK,
            "--channel",
            "letter",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let drafts: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(drafts[0]["meta"]["variant"], "card", "the style asks for cards");
    let plan = plan_json(&["tests/plans/letter-in-time.toml", "--style", PACK]);
    let letter = step(&plan, "thank-you-clara-marlowe-letter");
    // Mailed Monday Dec 7; two business days in the style instead of the plugin's three.
    assert_eq!(letter["arrives_by"], "2026-12-09");
}

#[test]
fn style_holidays_are_not_business_days() {
    let plan = plan_json(&["tests/styles/christmas-eve.toml", "--style", PACK]);
    let thanks = step(&plan, "thank-you-ruth-alder-email");
    let reasons = thanks["rationale"].to_string();
    assert!(reasons.contains("Staffing Network office closed (Christmas Eve)"), "{reasons}");
    assert_eq!(thanks["send_at"], thanks["not_before"], "no business hours are left");
}

#[test]
fn named_styles_come_from_the_config_directory() {
    let home = ScratchDir::new("style-named");
    let styles = home.path().join(".config").join("followup").join("styles").join("sn");
    copy_dir(&workspace_root().join(PACK), &styles);
    let (code, stdout, stderr) =
        followup(home.path(), &["draft", "docs/examples/professional-email.toml", "--style", "sn"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Placed by Staffing Network"), "the pack's signature is used");

    let (code, _, stderr) = followup(
        home.path(),
        &["plan", "docs/examples/professional-email.toml", "--style", "nope"],
    );
    assert_eq!(code, 2);
    insta::assert_snapshot!(stderr, @"error: no style named `nope` in [HOME]/.config/followup/styles; the styles there are: sn");
}

#[test]
fn a_broken_style_is_reported_with_its_file_and_line() {
    let home = ScratchDir::new("style-broken");
    let pack = home.path().join("pack");
    std::fs::create_dir_all(&pack).expect("pack dir");
    std::fs::write(pack.join("style.toml"), "name = \"x\"\n[timing]\ncool_of_minutes = 5\n")
        .expect("style written");
    let dir = pack.display().to_string();
    let (code, _, stderr) =
        followup(home.path(), &["plan", "docs/examples/panel.toml", "--style", &dir]);
    assert_eq!(code, 3);
    insta::assert_snapshot!(stderr, @r"
    error: [HOME]/pack/style.toml:3:1: timing.cool_of_minutes: unknown field `cool_of_minutes`, expected one of `cool_off_minutes`, `thank_you_hours`, `business_hours`, `debrief_after_minutes`, `check_in_after_decision`, `check_in_without_decision`, `check_in_count`, `check_in_spacing_business_days`, `closing_the_loop`, `letter_transit_business_days`, `country`, `extra_holidays`
      hint: did you mean `cool_off_minutes`?
    ");

    let empty = home.path().join("empty");
    std::fs::create_dir_all(&empty).expect("empty dir");
    let dir = empty.display().to_string();
    let (code, _, stderr) =
        followup(home.path(), &["plan", "docs/examples/panel.toml", "--style", &dir]);
    assert_eq!(code, 3);
    assert!(stderr.contains("has no style.toml or style.json"), "{stderr}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("target dir");
    for entry in std::fs::read_dir(from).expect("source dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("file copies");
        }
    }
}
