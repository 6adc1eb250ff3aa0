//! The `followup` command as a user runs it: the binary built with the four plugins
//! beside it, a home directory of its own, and what it prints and exits with.

use std::path::{Path, PathBuf};
use std::process::Command;

use followup_test_support::{ScratchDir, fault_plugin, followup_binary};
use followup_tests::{Invocation, Run, run_followup, workspace_root};

/// Runs `followup` with `args` in a clean environment whose home is `home`.
#[track_caller]
fn followup_in(home: &Path, args: &[&str]) -> Run {
    run_followup(args, &Invocation { home: Some(home), ..Invocation::default() })
}

#[track_caller]
fn followup(args: &[&str]) -> Run {
    let home = ScratchDir::new("cli-home");
    followup_in(home.path(), args)
}

/// The present moment used by the text snapshots: the evening of the first example's
/// interview.
const NOW: &str = "2026-11-24T18:00:00-06:00";

#[test]
fn text_plans_for_bundled_examples() {
    insta::glob!("../../docs/examples", "*.toml", |path| {
        let path = path.to_string_lossy();
        let run = followup(&["plan", &path, "--now", NOW]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(run.transcript());
    });
}

#[test]
fn json_plan_has_the_documented_shape() {
    let run =
        followup(&["plan", "docs/examples/shift-text.toml", "--format", "json", "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    for key in ["steps", "skipped", "warnings"] {
        assert!(plan[key].is_array(), "`{key}` is a list");
    }
    let first = &plan["steps"][0];
    for key in ["id", "purpose", "channel", "not_before", "send_at", "not_after", "time_zone"] {
        assert!(first[key].is_string(), "step has `{key}`: {first}");
    }
    assert_eq!(first["recipient"]["kind"], "interviewer");
    assert_eq!(first["channel"], "sms");
    assert!(first["rationale"].as_array().is_some_and(|r| !r.is_empty()));
    // RFC 3339 with the recipient's offset, New York in December.
    assert_eq!(first["send_at"], "2026-12-01T09:00:00-05:00");
    assert_eq!(first["time_zone"], "America/New_York");
    // The JSON plan reads back with the same types.
    let typed: followup_core::plan::Plan =
        serde_json::from_str(&run.stdout).expect("plan reads back");
    assert_eq!(typed.steps.len(), plan["steps"].as_array().map_or(0, Vec::len));
}

#[test]
fn steps_are_marked_relative_to_now() {
    let status = |now: &str| {
        let run = followup(&["plan", "docs/examples/professional-email.toml", "--now", now]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
            .lines()
            .find(|l| l.starts_with("1. Thank-you"))
            .expect("the thank-you is the first step")
            .to_string()
    };
    assert!(status("2026-11-24T15:30:00-06:00").ends_with("[upcoming]"));
    assert!(status("2026-11-24T16:30:00-06:00").ends_with("[DUE NOW]"));
    assert!(status("2026-11-26T09:00:00-06:00").ends_with("[OVERDUE]"));
}

#[test]
fn bad_inputs_are_reported_with_file_line_and_field() {
    insta::glob!("../inputs", "*.*", |path| {
        let relative = path.strip_prefix(workspace_root()).expect("inside the workspace");
        let run = followup(&["plan", &relative.to_string_lossy(), "--now", NOW]);
        assert_eq!(run.code, 3, "invalid input exits 3: {}", run.transcript());
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        insta::assert_snapshot!(run.transcript());
    });
}

#[test]
fn missing_file_exits_4() {
    let run = followup(&["plan", "docs/examples/no-such-interview.toml"]);
    assert_eq!(run.code, 4);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 4
    --- stderr
    error: docs/examples/no-such-interview.toml: cannot read the file: No such file or directory (os error 2)
    ");
}

#[test]
fn bad_now_is_a_usage_error() {
    let run = followup(&["plan", "docs/examples/panel.toml", "--now", "2026-11-24 18:00"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--now"), "{}", run.stderr);
}

#[test]
fn unknown_option_is_a_usage_error() {
    let run = followup(&["plan", "docs/examples/panel.toml", "--frobnicate"]);
    assert_eq!(run.code, 2);
}

#[test]
fn plugins_lists_the_bundled_channels_and_where_it_looked() {
    let run = followup(&["plugins"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn a_refused_plugin_does_not_stop_the_others() {
    let home = ScratchDir::new("cli-refused");
    let extra = ScratchDir::new("cli-refused-plugins");
    extra.install(&fault_plugin("abi_major"), "pigeon");
    let dir = extra.path().display().to_string();
    let run = followup_in(
        home.path(),
        &["plan", "docs/examples/professional-email.toml", "--plugin-dir", &dir, "--now", NOW],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 1, "one line per refused plugin: {warnings:?}");
    assert!(warnings[0].starts_with("warning: plugin refused: "), "{}", warnings[0]);
    assert!(warnings[0].contains("libfollowup_pigeon"), "the line names the file");
    assert!(warnings[0].contains("ABI 2.0"), "the line says why");
    assert!(run.stdout.contains("Thank-you by Email"), "the bundled channels still work");
}

#[test]
fn no_plugins_is_a_failure_with_a_reason() {
    let home = ScratchDir::new("cli-no-plugins");
    let empty = ScratchDir::new("cli-no-plugins-dir");
    // Copy the binary away from its plugins.
    let lonely: PathBuf = empty.path().join("followup");
    std::fs::copy(followup_binary(), &lonely).expect("binary copies");
    // Another test thread may fork while the copy's write handle is still open, and
    // the child then holds it: Linux refuses to run a file open for writing (ETXTBSY)
    // until that child execs. Retry briefly.
    let mut attempts = 0;
    let output = loop {
        let run = Command::new(&lonely)
            .args(["plan", "docs/examples/professional-email.toml", "--now", NOW])
            .current_dir(workspace_root())
            .env_clear()
            .env("HOME", home.path())
            .output();
        match run {
            Err(err) if err.raw_os_error() == Some(26) && attempts < 50 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.expect("the copied binary runs"),
        }
    };
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("no channel plugins are loaded"), "{stdout}");
}

#[test]
fn profile_supplies_the_candidate_and_the_interview_overrides_it() {
    let home = ScratchDir::new("cli-profile");
    let config = home.path().join(".config").join("followup");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("profile.toml"),
        "name = \"Profile Person\"\nemail = \"profile@example.com\"\ntime_zone = \"America/Denver\"\n",
    )
    .expect("profile written");
    let interview = home.path().join("interview.toml");
    let text = std::fs::read_to_string(workspace_root().join("docs/examples/panel.toml"))
        .expect("example reads")
        .replace("name = \"Sam Carter\"\n", "")
        .replace("email = \"sam.carter@example.com\"\n", "");
    std::fs::write(&interview, text).expect("interview written");
    let path = interview.display().to_string();

    let run = followup_in(home.path(), &["plan", &path, "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Follow-up plan for Profile Person:"), "{}", run.stdout);

    let run = followup_in(home.path(), &["plan", &path, "--no-profile", "--now", NOW]);
    assert_eq!(run.code, 3);
    assert!(run.stderr.contains("candidate.name"), "{}", run.stderr);

    let run = followup_in(home.path(), &["plan", "docs/examples/panel.toml", "--now", NOW]);
    assert!(run.stdout.starts_with("Follow-up plan for Sam Carter:"), "the interview wins");
    // Issue 14: another candidate's interview takes nothing from the profile (its
    // signature ended up on their emails), and says so.
    assert!(
        run.stderr.contains(
            "the candidate is Sam Carter, not the profile's Profile Person; the profile is not used"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_profile_is_named_in_the_error() {
    let home = ScratchDir::new("cli-bad-profile");
    let profile = home.path().join("me.toml");
    std::fs::write(&profile, "name = \"Me\"\nnmae = \"typo\"\n").expect("profile written");
    let path = profile.display().to_string();
    let run = followup_in(home.path(), &["plan", "docs/examples/panel.toml", "--profile", &path]);
    assert_eq!(run.code, 3);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 3
    --- stderr
    error: [HOME]/me.toml:2:1: nmae: unknown field `nmae`, expected one of `$schema`, `name`, `email`, `phone`, `linkedin`, `address`, `time_zone`, `signature`
      hint: did you mean `name`?
    ");
}

#[test]
fn help_and_version() {
    let run = followup(&["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("followup "), "{}", run.stdout);
    let run = followup(&["--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Exit status:"), "{}", run.stdout);
    assert!(run.stdout.contains("followup plan docs/examples/professional-email.toml"));
}

#[test]
fn schemas_in_the_repository_match_the_code() {
    // The committed copies must equal what the code generates; regenerate with
    // `followup schema --out schemas/ --force` after changing a model type.
    for published in followup_core::schema::all(followup_tests::bundled_channels()) {
        let path = workspace_root().join("schemas").join(published.file_name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == followup_core::schema::to_text(&published.schema),
            "{} is stale; run `cargo build --workspace && ./target/debug/followup schema --out schemas/ --force`",
            path.display()
        );
    }
}

#[test]
fn schema_out_refuses_to_overwrite_without_force() {
    let home = ScratchDir::new("cli-schema");
    let out = home.path().join("schemas");
    let dir = out.display().to_string();
    let run = followup_in(home.path(), &["schema", "--out", &dir]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = out.join("plan.schema.json");
    std::fs::write(&file, "{}").expect("overwrite by hand");
    let run = followup_in(home.path(), &["schema", "--out", &dir]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).expect("still there"), "{}");
    let run = followup_in(home.path(), &["schema", "--out", &dir, "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_ne!(std::fs::read_to_string(&file).expect("replaced"), "{}");
}

#[test]
fn draft_prints_each_message_with_its_checks() {
    let run = followup(&["draft", "docs/examples/shift-text.toml", "--now", NOW]);
    assert_eq!(run.code, 0, "warnings alone do not fail: {}", run.stderr);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn draft_json_has_the_documented_shape() {
    let run = followup(&["draft", "docs/examples/professional-email.toml", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let drafts: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let drafts = drafts.as_array().expect("a list of drafts");
    assert_eq!(drafts.len(), 4);
    for draft in drafts {
        for key in ["step_id", "channel", "body"] {
            assert!(draft[key].is_string(), "`{key}` in {draft}");
        }
        assert!(draft["recipient"]["name"].is_string());
        assert!(draft["meta"].is_object());
        let checks = draft["checks"].as_array().expect("checks");
        assert!(!checks.is_empty());
        for check in checks {
            assert!(["pass", "warn", "fail"].contains(&check["level"].as_str().unwrap_or("")));
            assert!(check["name"].is_string() && check["message"].is_string());
        }
    }
    let linkedin = drafts.iter().find(|d| d["channel"] == "linkedin").expect("a LinkedIn draft");
    assert!(linkedin["subject"].is_null(), "channels without a subject say null");
    let email = drafts.iter().find(|d| d["channel"] == "email").expect("an email draft");
    assert!(email["subject"].is_string());
}

#[test]
fn draft_refuses_a_channel_the_rules_refused() {
    let run = followup(&["draft", "docs/examples/professional-email.toml", "--channel", "sms"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 1
    --- stderr
    error: no step uses `sms`: Text message is not suggested: it suits hourly, shift, temporary or field roles, and this is a professional role at a standard company in technology
    ");
}

#[test]
fn draft_one_step_by_id_or_say_which_exist() {
    let run = followup(&[
        "draft",
        "docs/examples/professional-email.toml",
        "--step",
        "connection-request-dana-whitfield-linkedin",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let drafts: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(drafts.as_array().map(Vec::len), Some(1));

    let run = followup(&["draft", "docs/examples/professional-email.toml", "--step", "thank-you"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("the plan has no step `thank-you`"), "{}", run.stderr);
    assert!(run.stderr.contains("thank-you-dana-whitfield-email"), "it lists the steps");
}

#[test]
fn draft_fails_when_a_check_fails() {
    let run = followup(&["draft", "tests/drafts/linkedin-too-long.toml", "--channel", "linkedin"]);
    assert_eq!(run.code, 1, "a failed check is a failure: {}", run.transcript());
    assert!(run.stdout.contains("[FAIL] note_cap"), "{}", run.stdout);
}
