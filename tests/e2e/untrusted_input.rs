//! Input that cannot lie (issue 14): what a careless or hostile interview file says is
//! checked against itself and refused with the field named, and a mistyped name on
//! the command line gets the closest one. Each test failed before the fix.

use followup_test_support::ScratchDir;
use followup_tests::{Invocation, Run, run_followup, workspace_root};

const NOW: &str = "2026-11-24T18:00:00-06:00";
const EXAMPLE: &str = "docs/examples/professional-email.toml";

#[track_caller]
fn followup(home: &ScratchDir, args: &[&str]) -> Run {
    run_followup(args, &Invocation { home: Some(home.path()), ..Invocation::default() })
}

/// The bundled example with `edits` (from, to) applied, planned with `command`.
#[track_caller]
fn run_edited(command: &str, edits: &[(&str, &str)]) -> Run {
    let home = ScratchDir::new("untrusted");
    let mut text = std::fs::read_to_string(workspace_root().join(EXAMPLE)).expect("reads");
    for (from, to) in edits {
        assert!(text.contains(from), "the example has {from:?}");
        text = text.replacen(from, to, 1);
    }
    let file = home.write("interview.toml", &text).display().to_string();
    followup(&home, &[command, &file, "--now", NOW])
}

#[track_caller]
fn assert_refused(run: &Run, expected: &[&str]) {
    assert_eq!(run.code, 3, "{}", run.stderr);
    for text in expected {
        assert!(run.stderr.contains(text), "{text:?} in:\n{}", run.stderr);
    }
}

#[test]
fn an_offset_that_contradicts_the_meeting_zone_is_an_error_naming_both() {
    let run = run_edited(
        "plan",
        &[("time_zone = \"America/Chicago\"\nformat", "time_zone = \"Europe/Berlin\"\nformat")],
    );
    assert_refused(
        &run,
        &[
            "meeting.start: the offset -06:00 contradicts the time zone Europe/Berlin, where the offset at that moment is +01:00",
            "hint: write the offset +01:00, or correct the zone",
        ],
    );
    let run = run_edited("plan", &[("14:00:00-06:00", "14:00:00+09:00[America/Chicago]")]);
    assert_refused(
        &run,
        &["meeting.start: the offset +09:00 contradicts the time zone America/Chicago"],
    );
}

#[test]
fn a_time_without_offset_gets_a_hint_in_the_meetings_own_zone() {
    let run = run_edited(
        "plan",
        &[
            ("14:00:00-06:00", "14:00:00"),
            ("time_zone = \"America/Chicago\"\nformat", "time_zone = \"Asia/Tokyo\"\nformat"),
        ],
    );
    assert_refused(
        &run,
        &[
            "meeting.start: `2026-11-24T14:00:00` has no UTC offset or time zone",
            "`2026-11-24T14:00:00+09:00` or `2026-11-24T14:00:00[Asia/Tokyo]`",
        ],
    );
    assert!(!run.stderr.contains("America/Chicago"), "{}", run.stderr);
}

#[test]
fn a_local_time_the_clocks_skip_is_a_warning_naming_the_time_used() {
    let run = run_edited(
        "plan",
        &[("2026-11-24T14:00:00-06:00", "2026-03-08T02:30:00[America/Chicago]")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning: "), "{}", run.stderr);
    assert!(run.stderr.contains("meeting.start: 2026-03-08T02:30:00 does not exist in America/Chicago (the clocks skip it); 2026-03-08T03:30:00-05:00 is used"), "{}", run.stderr);
}

#[test]
fn the_last_representable_year_says_what_is_wrong() {
    let run = run_edited("plan", &[("2026-11-24T14:00:00-06:00", "9999-12-31T23:00:00-06:00")]);
    assert_refused(
        &run,
        &["is outside the dates this program handles (the years -9999 to 9999); check the year"],
    );
}

#[test]
fn an_unknown_jurisdiction_suggests_the_closest() {
    let run = run_edited("plan", &[("topics = [", "jurisdiction = \"FL\"\ntopics = [")]);
    assert_refused(
        &run,
        &[
            "interviewers[0].jurisdiction: `FL` is not a known jurisdiction (an ISO 3166-2 code)",
            "hint: did you mean `US-FL`?",
        ],
    );
}

#[test]
fn a_non_ascii_address_is_refused() {
    let run = run_edited("plan", &[("dana.whitfield@northwind.example", "dana@nörthwind.example")]);
    assert_refused(
        &run,
        &["interviewers[0].email: `dana@nörthwind.example` is not an email address", "ASCII"],
    );
}

#[test]
fn plan_and_draft_list_every_problem_as_validate_does() {
    let edits = [
        ("duration_minutes = 60", "duration_minutes = \"sixty\""),
        ("ana.ruiz@example.com", "ana.ruiz"),
        ("topics = [", "jurisdiction = \"FL\"\ntopics = ["),
    ];
    for command in ["plan", "draft"] {
        let run = run_edited(command, &edits);
        assert_refused(
            &run,
            &["meeting.duration_minutes", "candidate.email", "interviewers[0].jurisdiction"],
        );
    }
}

#[test]
fn a_mistyped_channel_or_schema_gets_did_you_mean_and_exit_2() {
    let home = ScratchDir::new("untrusted-names");
    let run = followup(&home, &["draft", EXAMPLE, "--channel", "emial", "--now", NOW]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no plugin provides the channel `emial`; did you mean `email`?"),
        "{}",
        run.stderr
    );
    let run = followup(&home, &["schema", "intervew"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no schema named `intervew`; did you mean `interview`?"),
        "{}",
        run.stderr
    );
}

/// Issue 14: a name holding RFC 2047 syntax reached the headers as it was, and mail
/// clients decoded it into another name; it must read back as the text written.
#[test]
fn encoded_word_syntax_in_names_and_subjects_stays_text() {
    let home = ScratchDir::new("untrusted-2047");
    let mut text = std::fs::read_to_string(workspace_root().join(EXAMPLE)).expect("reads");
    text = text
        .replace("name = \"Ana Ruiz\"", "name = \"Ana =?utf-8?q?Mallory?= Ruiz\"")
        .replace("name = \"Dana Whitfield\"", "name = \"=?utf-8?b?RXZl?= Whitfield\"")
        .replace("title = \"Data Analyst\"", "title = \"Data =?utf-8?q?Boss?= Analyst\"");
    let file = home.write("interview.toml", &text).display().to_string();
    let out = home.path().join("out");
    let out_text = out.display().to_string();
    let run = followup(&home, &["export", &file, "--out", &out_text, "--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let emails: Vec<_> = std::fs::read_dir(&out)
        .expect("the folder lists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    assert!(!emails.is_empty());
    for path in emails {
        let bytes = std::fs::read(&path).expect("reads");
        let message = mail_parser::MessageParser::default().parse(&bytes).expect("parses");
        let from = message.from().and_then(|a| a.first()).and_then(|a| a.name());
        assert_eq!(from, Some("Ana =?utf-8?q?Mallory?= Ruiz"), "{}", path.display());
        let to = message.to().and_then(|a| a.first()).and_then(|a| a.name());
        assert_eq!(to, Some("=?utf-8?b?RXZl?= Whitfield"), "{}", path.display());
        if let Some(subject) = message.subject().filter(|s| s.contains("Data")) {
            assert!(subject.contains("Data =?utf-8?q?Boss?= Analyst"), "{subject}");
        }
    }
}

/// Issue 14: a `--plugin-dir` that does not exist was silence, and a relative
/// `FOLLOWUP_PLUGIN_PATH` entry loaded plugins from wherever the command ran.
#[test]
fn plugin_folders_must_exist_and_be_absolute() {
    let home = ScratchDir::new("untrusted-plugin-dirs");
    let missing = home.path().join("no-such-folder").display().to_string();
    let run = followup(&home, &["plugins", "--plugin-dir", &missing]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--plugin-dir [HOME]/no-such-folder: no such folder"),
        "{}",
        run.stderr
    );
    let run = run_followup(
        &["plugins"],
        &Invocation {
            home: Some(home.path()),
            shell_prefix: Some("export FOLLOWUP_PLUGIN_PATH=target/debug"),
            ..Invocation::default()
        },
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("FOLLOWUP_PLUGIN_PATH: `target/debug` is a relative path"),
        "{}",
        run.stderr
    );
}
