//! The tracker as a user runs it: `add`, `due`, `sent`, `replied`, `opted-out`,
//! `snooze`, `skip`, `outcome`, `list`, `show`, `log`, `forget` and `store`, with fixed
//! `--now` values against a store in a scratch home.

use std::path::{Path, PathBuf};

use followup_test_support::ScratchDir;
use followup_tests::{Invocation, Run, run_followup};
use serde_json::Value;

const EMAIL: &str = "docs/examples/professional-email.toml";
const SHIFT: &str = "docs/examples/shift-text.toml";
const SECOND_ROUND: &str = "tests/tracking/shift-text-second-round.toml";
const ANA: &str = "ana-ruiz-northwind-analytics-2026-11-24";
const JORDAN: &str = "jordan-lee-lakeside-distribution-2026-11-30";

/// A user with a home of their own, whose store is the default one in it.
pub(crate) struct User {
    pub(crate) home: ScratchDir,
}

impl User {
    pub(crate) fn new() -> User {
        User { home: ScratchDir::new("tracker-home") }
    }

    /// A file in the user's home.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.home.path().join(name)
    }

    fn store(&self) -> PathBuf {
        self.home.path().join(".local/share/followup/followup.db")
    }

    #[track_caller]
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        run_followup(args, &Invocation { home: Some(self.home.path()), ..Invocation::default() })
    }

    /// Runs and expects success.
    #[track_caller]
    pub(crate) fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "followup {args:?}\n{}", run.transcript());
        run
    }

    /// Runs with `--format json` and expects success.
    #[track_caller]
    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        let run = self.ok(&args);
        serde_json::from_str(&run.stdout).expect("stdout is JSON")
    }

    /// The professional-email example as the interview of `candidate`, written into the
    /// home as `file_name`; returns its path.
    fn example_for(&self, candidate: &str, file_name: &str) -> String {
        let text = std::fs::read_to_string(followup_tests::workspace_root().join(EMAIL))
            .expect("the example reads")
            .replace("#:schema ../../schemas", "#:schema schemas")
            .replace("Ana Ruiz", candidate);
        let path = self.home.path().join(file_name);
        std::fs::write(&path, text).expect("written");
        path.display().to_string()
    }

    /// The agenda's steps of one interview, as `show --format json` gives them.
    #[track_caller]
    fn steps(&self, interview: &str, now: &str) -> Vec<Value> {
        self.json(&["show", interview, "--now", now])["steps"]
            .as_array()
            .cloned()
            .expect("show lists the steps")
    }
}

#[track_caller]
fn step<'a>(steps: &'a [Value], id: &str) -> &'a Value {
    steps.iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("no step {id} in {steps:#?}"))
}

fn due_ids(due: &Value) -> Vec<String> {
    due["items"]
        .as_array()
        .expect("due lists items")
        .iter()
        .map(|item| {
            format!(
                "{} {}",
                item["status"].as_str().unwrap_or(""),
                item["step"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn the_follow_up_loop_from_add_to_outcome() {
    let user = User::new();
    let add = user.ok(&["add", EMAIL, SHIFT, "--now", "2026-11-24T15:30:00-06:00"]);
    insta::assert_snapshot!("add", add.transcript());
    assert!(add.stdout.contains(ANA) && add.stdout.contains(JORDAN), "{}", add.stdout);

    // What is due, at several moments of the first days.
    for (name, now) in [
        ("due_before_the_window", "2026-11-24T15:30:00-06:00"),
        ("due_in_the_window", "2026-11-24T18:00:00-06:00"),
        ("due_a_week_later", "2026-12-01T08:00:00-05:00"),
    ] {
        insta::assert_snapshot!(name, user.ok(&["due", "--now", now]).transcript());
    }
    let due = user.json(&["due", "--now", "2026-11-24T18:00:00-06:00"]);
    insta::assert_json_snapshot!("due_in_the_window_json", due);
    assert_eq!(
        due_ids(&due)[0],
        "due thank-you-dana-whitfield-email",
        "the open thank-you comes first"
    );

    // Sending the thank-you late moves the LinkedIn request after it.
    let before = user.steps(ANA, "2026-11-24T18:00:00-06:00");
    assert_eq!(
        step(&before, "connection-request-dana-whitfield-linkedin")["not_before"],
        "2026-11-24T17:00:00-06:00"
    );
    let sent = user.ok(&[
        "sent",
        "thank-you-dana-whitfield-email",
        "--at",
        "2026-11-25T08:40:00-06:00",
        "--now",
        "2026-11-25T08:45:00-06:00",
    ]);
    insta::assert_snapshot!("sent", sent.transcript());
    let after = user.steps(ANA, "2026-11-25T08:45:00-06:00");
    assert_eq!(step(&after, "thank-you-dana-whitfield-email")["state"]["state"], "sent");
    let linkedin = step(&after, "connection-request-dana-whitfield-linkedin");
    assert_eq!(
        linkedin["not_before"], "2026-11-25T09:40:00-06:00",
        "60 minutes after the real send"
    );
    // Recording the same send twice records nothing.
    let again = user.ok(&[
        "sent",
        &format!("{ANA}/thank-you-dana-whitfield-email"),
        "--now",
        "2026-11-25T09:00:00-06:00",
    ]);
    assert!(again.stdout.contains("already recorded as sent"), "{}", again.stdout);

    // A reply stops the check-ins, and `show` says why.
    user.ok(&[
        "replied",
        ANA,
        "--from",
        "dana whitfield",
        "--at",
        "2026-12-03T11:00:00-06:00",
        "--now",
        "2026-12-03T11:05:00-06:00",
    ]);
    let steps = user.steps(ANA, "2026-12-03T11:05:00-06:00");
    for id in ["check-in-1-dana-whitfield-email", "check-in-2-dana-whitfield-email"] {
        let state = &step(&steps, id)["state"];
        assert_eq!(state["state"], "stopped", "{id}");
        assert!(
            state["reason"].as_str().is_some_and(|r| r.contains("Dana Whitfield replied")),
            "{state}"
        );
    }
    insta::assert_snapshot!(
        "show_after_reply",
        user.ok(&["show", ANA, "--now", "2026-12-03T11:05:00-06:00"]).transcript()
    );
    let due = user.json(&["due", "--within", "30d", "--now", "2026-12-03T11:05:00-06:00"]);
    assert!(!due_ids(&due).iter().any(|id| id.contains("check-in-1-dana")), "{due:#}");

    // An out-of-office reply pauses the check-ins to Marcus Bell, and they resume.
    user.ok(&[
        "sent",
        &format!("{JORDAN}/thank-you-marcus-bell-sms"),
        "--at",
        "2026-12-01T09:05:00-05:00",
        "--now",
        "2026-12-01T09:06:00-05:00",
    ]);
    let planned = user.steps(JORDAN, "2026-12-01T09:06:00-05:00");
    let first_check_in =
        planned.iter().find(|s| s["purpose"] == "check_in").expect("a check-in is planned")["id"]
            .as_str()
            .expect("an id")
            .to_string();
    user.ok(&[
        "replied",
        JORDAN,
        "--from",
        "Marcus Bell",
        "--out-of-office-until",
        "2026-12-14",
        "--now",
        "2026-12-02T12:00:00-05:00",
    ]);
    let paused = user.steps(JORDAN, "2026-12-02T12:00:00-05:00");
    let check_in = step(&paused, &first_check_in);
    assert_eq!(check_in["state"]["state"], "open", "paused, not stopped");
    assert_eq!(check_in["not_before"], "2026-12-14T09:00:00-05:00", "waits until he is back");
    let due = user.json(&["due", "--within", "2d", "--now", "2026-12-10T09:00:00-05:00"]);
    assert!(!due_ids(&due).iter().any(|id| id.ends_with(&first_check_in)), "{due:#}");
    let due = user.json(&["due", "--within", "1d", "--now", "2026-12-14T10:00:00-05:00"]);
    assert!(due_ids(&due).contains(&format!("due {first_check_in}")), "{due:#}");

    // Marcus answers STOP: no more texts to him, here or in the next round.
    let opted = user.ok(&[
        "opted-out",
        JORDAN,
        "--person",
        "Marcus Bell",
        "--channel",
        "sms",
        "--said",
        "STOP",
        "--now",
        "2026-12-14T10:30:00-05:00",
    ]);
    insta::assert_snapshot!("opted_out", opted.transcript());
    let steps = user.steps(JORDAN, "2026-12-14T10:30:00-05:00");
    assert_eq!(
        step(&steps, "thank-you-marcus-bell-sms")["state"]["state"],
        "sent",
        "what was sent stays sent"
    );
    for open in steps.iter().filter(|s| s["state"]["state"] == "open") {
        assert_ne!(open["channel"], "sms", "no text is planned after STOP: {open}");
    }
    user.ok(&["outcome", JORDAN, "next-round", "--now", "2026-12-14T11:00:00-05:00"]);
    let second = user.json(&["add", SECOND_ROUND, "--now", "2026-12-14T11:05:00-05:00"]);
    let round = &second["interviews"][0];
    let steps = round["steps"].as_array().expect("steps");
    assert!(!steps.is_empty());
    assert!(
        steps.iter().all(|s| s["channel"] != "sms"),
        "the consent record carries over: {steps:#?}"
    );
    assert!(steps.iter().any(|s| s["purpose"] == "thank_you" && s["channel"] == "email"));
    let second_id = round["interview"].as_str().expect("an id").to_string();
    let show = user.json(&["show", &second_id, "--now", "2026-12-14T11:05:00-05:00"]);
    assert_eq!(show["application"], JORDAN, "the next round is linked to the first");
    let log = user.ok(&["log", JORDAN, "--now", "2026-12-14T11:05:00-05:00"]);
    assert!(
        log.stdout.contains("CONSENT: Marcus Bell opted out of sms (said \"STOP\")"),
        "{}",
        log.stdout
    );

    // An outcome ends a plan.
    user.ok(&["outcome", ANA, "offer", "--now", "2026-12-15T09:00:00-06:00"]);
    let list = user.json(&["list", "--now", "2026-12-15T09:00:00-06:00"]);
    let ana = list["interviews"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|i| i["interview"] == ANA)
        .expect("Ana's interview is listed");
    assert_eq!(ana["state"]["outcome"], "offer");
    assert_eq!(ana["open"], 0, "nothing is left open after an offer");
    insta::assert_snapshot!(
        "list",
        user.ok(&["list", "--now", "2026-12-15T09:00:00-06:00"]).transcript()
    );
}

#[test]
fn adding_an_edited_file_replans_it_and_keeps_what_was_sent() {
    let user = User::new();
    let file = user.home.path().join("interview.toml");
    let original =
        std::fs::read_to_string(Path::new(&followup_tests::workspace_root()).join(EMAIL))
            .expect("the example reads")
            .replace("#:schema ../../schemas", "#:schema schemas");
    std::fs::write(&file, &original).expect("written");
    let file = file.display().to_string();
    user.ok(&["add", &file, "--now", "2026-11-24T15:30:00-06:00"]);
    let same = user.json(&["add", &file, "--now", "2026-11-24T15:31:00-06:00"]);
    assert_eq!(same["interviews"][0]["status"], "unchanged", "adding again is idempotent");
    user.ok(&[
        "sent",
        "thank-you-dana-whitfield-email",
        "--at",
        "2026-11-24T16:05:00-06:00",
        "--now",
        "2026-11-24T16:06:00-06:00",
    ]);
    // The decision date moves a week later.
    std::fs::write(&file, original.replace("2026-12-04", "2026-12-11")).expect("written");
    let replanned = user.ok(&["add", &file, "--now", "2026-11-25T09:00:00-06:00"]);
    insta::assert_snapshot!("replanned", replanned.transcript());
    let value = user.json(&["show", ANA, "--now", "2026-11-25T09:00:00-06:00"]);
    let steps = value["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 4, "nothing is duplicated");
    assert_eq!(step(steps, "thank-you-dana-whitfield-email")["state"]["state"], "sent");
    let events = value["events"].as_array().expect("events");
    assert_eq!(events.iter().filter(|e| e["type"] == "added").count(), 1);
    assert_eq!(events.iter().filter(|e| e["type"] == "replanned").count(), 1);
    assert_eq!(events.iter().filter(|e| e["type"] == "sent").count(), 1);
}

#[test]
fn steps_and_interviews_are_named_or_candidates_listed() {
    let user = User::new();
    user.ok(&["add", EMAIL, SHIFT, "--now", "2026-11-24T15:30:00-06:00"]);
    let unknown =
        user.run(&["sent", "thank-you-dana-whitfeld-email", "--now", "2026-11-24T16:30:00-06:00"]);
    assert_eq!(unknown.code, 2, "{}", unknown.transcript());
    insta::assert_snapshot!("unknown_step", unknown.transcript());
    let unknown = user.run(&["replied", "ana-ruiz", "--now", "2026-11-24T16:30:00-06:00"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains(ANA), "the closest id is suggested: {}", unknown.stderr);
    let nobody =
        user.run(&["replied", ANA, "--from", "Dan Whitfeld", "--now", "2026-11-24T16:30:00-06:00"]);
    assert_eq!(nobody.code, 2);
    assert!(nobody.stderr.contains("Dana Whitfield"), "{}", nobody.stderr);
    let no_offset =
        user.run(&["sent", "thank-you-dana-whitfield-email", "--at", "2026-11-24T16:30:00"]);
    assert_eq!(
        no_offset.code,
        2,
        "a time without an offset is refused: {}",
        no_offset.transcript()
    );
    // The same step id in two interviews must be named with its interview.
    let copy = user.example_for("Bea Quinn", "other.toml");
    user.ok(&["add", &copy, "--now", "2026-11-24T15:30:00-06:00"]);
    let ambiguous =
        user.run(&["sent", "thank-you-dana-whitfield-email", "--now", "2026-11-24T16:30:00-06:00"]);
    assert_eq!(ambiguous.code, 2);
    insta::assert_snapshot!("ambiguous_step", ambiguous.transcript());
}

#[test]
fn snooze_skip_and_forget() {
    let user = User::new();
    user.ok(&["add", EMAIL, "--now", "2026-11-24T15:30:00-06:00"]);
    user.ok(&[
        "snooze",
        "connection-request-dana-whitfield-linkedin",
        "--until",
        "2026-11-26T13:00:00-06:00",
        "--now",
        "2026-11-24T15:31:00-06:00",
    ]);
    let steps = user.steps(ANA, "2026-11-24T15:31:00-06:00");
    let linkedin = step(&steps, "connection-request-dana-whitfield-linkedin");
    assert_eq!(linkedin["send_at"], "2026-11-26T13:00:00-06:00");
    assert!(linkedin["history"][0].as_str().is_some_and(|h| h.starts_with("snoozed until")));
    user.ok(&[
        "skip",
        "check-in-2-dana-whitfield-email",
        "--why",
        "she said one note is enough",
        "--now",
        "2026-11-24T15:32:00-06:00",
    ]);
    let steps = user.steps(ANA, "2026-11-24T15:32:00-06:00");
    assert_eq!(
        step(&steps, "check-in-2-dana-whitfield-email")["state"]["why"],
        "she said one note is enough"
    );
    let refused = user.run(&[
        "skip",
        "check-in-2-dana-whitfield-email",
        "--why",
        "again",
        "--now",
        "2026-11-24T15:33:00-06:00",
    ]);
    assert_eq!(refused.code, 2, "a skipped step is no longer open: {}", refused.transcript());

    let unconfirmed = user.run(&["forget", ANA]);
    assert_eq!(unconfirmed.code, 2, "without a terminal, forgetting needs --yes");
    user.ok(&[
        "opted-out",
        ANA,
        "--person",
        "Dana Whitfield",
        "--channel",
        "linkedin",
        "--now",
        "2026-11-24T15:34:00-06:00",
    ]);
    let forgotten = user.ok(&["forget", ANA, "--yes", "--now", "2026-11-24T15:35:00-06:00"]);
    assert!(forgotten.stdout.contains("consent records kept"), "{}", forgotten.stdout);
    let list = user.json(&["list"]);
    assert_eq!(list["interviews"].as_array().map(Vec::len), Some(0));
    let log = user.json(&["log"]);
    let kinds: Vec<&str> = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["opted_out", "forgotten"],
        "only the consent record and the tombstone remain"
    );
    // Added again, Dana still gets no LinkedIn request.
    let again = user.json(&["add", EMAIL, "--now", "2026-11-24T15:36:00-06:00"]);
    let steps = again["interviews"][0]["steps"].as_array().cloned().expect("steps");
    assert!(steps.iter().all(|s| s["channel"] != "linkedin"), "{steps:#?}");
}

#[test]
fn store_export_and_import_round_trip() {
    let user = User::new();
    user.ok(&["add", EMAIL, SHIFT, "--now", "2026-11-24T15:30:00-06:00"]);
    user.ok(&["sent", "thank-you-dana-whitfield-email", "--now", "2026-11-24T16:30:00-06:00"]);
    user.ok(&[
        "opted-out",
        JORDAN,
        "--person",
        "Marcus Bell",
        "--channel",
        "sms",
        "--said",
        "STOP",
        "--now",
        "2026-11-30T18:00:00-05:00",
    ]);
    let export = user.home.path().join("backup.jsonl");
    let export_arg = export.display().to_string();
    std::fs::write(&export, "an older backup\n").expect("written");
    let refused = user.run(&["store", "export", "--out", &export_arg]);
    assert_ne!(refused.code, 0, "an existing file is not replaced without --force");
    assert_eq!(std::fs::read_to_string(&export).expect("still there"), "an older backup\n");
    user.ok(&["store", "export", "--out", &export_arg, "--force"]);
    let lines = std::fs::read_to_string(&export).expect("written");
    assert_eq!(lines.lines().count(), 4, "{lines}");
    let boon = crate::validate::Independent::new();
    for line in lines.lines() {
        let record: Value = serde_json::from_str(line).expect("each line is JSON");
        boon.assert_valid("store-record.schema.json", "an exported record", &record);
    }
    // Into an empty store, then out again: the same bytes.
    let copy = user.home.path().join("copy.db");
    let copy_arg = copy.display().to_string();
    user.ok(&["store", "import", &export_arg, "--store", &copy_arg]);
    let round = run_followup(
        &["store", "export", "--store", &copy_arg],
        &Invocation { home: Some(user.home.path()), keep_paths: true, ..Invocation::default() },
    );
    assert_eq!(round.code, 0, "{}", round.transcript());
    assert_eq!(round.stdout, lines, "the log comes back byte for byte");
    let original = user.json(&["list", "--now", "2026-11-25T09:00:00-06:00"]);
    let restored = user.json(&["list", "--now", "2026-11-25T09:00:00-06:00", "--store", &copy_arg]);
    assert_eq!(original, restored, "the derived state is rebuilt the same");
    let broken = user.home.path().join("broken.jsonl");
    std::fs::write(&broken, format!("{}{{\"seq\": 9, \"interview\": 3}}\n", lines))
        .expect("written");
    let fresh = user.home.path().join("fresh.db").display().to_string();
    let refused = user.run(&["store", "import", &broken.display().to_string(), "--store", &fresh]);
    assert_eq!(refused.code, 3, "{}", refused.transcript());
    assert!(
        refused.stderr.contains("broken.jsonl:5:"),
        "names the file and line: {}",
        refused.stderr
    );
    let not_empty = user.run(&["store", "import", &export_arg, "--store", &copy_arg]);
    assert_eq!(not_empty.code, 2, "import only into an empty store: {}", not_empty.transcript());
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_left_alone() {
    let user = User::new();
    let notes = user.home.path().join("notes.txt");
    std::fs::write(&notes, "my notes\n").expect("written");
    let notes_arg = notes.display().to_string();
    let run =
        user.run(&["add", EMAIL, "--store", &notes_arg, "--now", "2026-11-24T15:30:00-06:00"]);
    assert_eq!(run.code, 3, "{}", run.transcript());
    insta::assert_snapshot!("not_a_store", run.transcript());
    assert_eq!(std::fs::read_to_string(&notes).expect("still there"), "my notes\n");
    let nothing = user.ok(&["due", "--now", "2026-11-24T15:30:00-06:00"]);
    assert!(nothing.stdout.contains("Nothing is tracked yet"), "{}", nothing.stdout);
    assert!(!user.store().exists(), "reading commands create no store");
}

#[test]
fn a_killed_add_leaves_every_interview_whole_or_absent() {
    let user = User::new();
    let files: Vec<String> = (0..40)
        .map(|n| user.example_for(&format!("Candidate Number{n}"), &format!("candidate-{n}.toml")))
        .collect();
    let binary = followup_test_support::followup_binary();
    let store = user.store();
    for delay_ms in [30, 80, 150, 250] {
        let mut child = std::process::Command::new(&binary)
            .arg("add")
            .args(&files)
            .args(["--now", "2026-11-24T15:30:00-06:00"])
            .env_clear()
            .env("HOME", user.home.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("followup starts");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        if !store.exists() {
            continue;
        }
        let opened = followup_tracker::Store::open(&store).expect("the store opens after a kill");
        let events = opened.events(None).expect("readable");
        for record in &events {
            let view = opened.view(&record.interview).expect("readable");
            let view =
                view.unwrap_or_else(|| panic!("{} has events but no plan", record.interview));
            assert_eq!(view.agenda.steps.len(), 4, "a whole plan for {}", record.interview);
        }
        let ids = opened.ids().expect("readable");
        assert_eq!(ids.len(), events.len(), "one added event per interview, never a half");
    }
    // And adding everything again completes what the kills interrupted.
    user.ok(&[
        &["add"],
        files.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
        &["--now", "2026-11-24T15:30:00-06:00"],
    ]
    .concat());
    let opened = followup_tracker::Store::open(&store).expect("opens");
    assert_eq!(opened.ids().expect("readable").len(), 40);
    assert_eq!(opened.event_count().expect("readable"), 40, "nothing twice");
}

#[test]
fn export_records_each_steps_file_and_message_id() {
    let user = User::new();
    user.ok(&["add", EMAIL, "--now", "2026-11-24T15:30:00-06:00"]);
    let out = user.home.path().join("drafts");
    let out_arg = out.display().to_string();
    let export =
        user.run(&["export", EMAIL, "--out", &out_arg, "--now", "2026-11-24T15:40:00-06:00"]);
    assert_eq!(export.code, 0, "{}", export.transcript());
    assert!(
        export.stderr.contains(&format!("recorded in the tracker: {ANA}")),
        "{}",
        export.stderr
    );
    let show = user.json(&["show", ANA, "--now", "2026-11-24T15:41:00-06:00"]);
    let events = show["events"].as_array().expect("events");
    let exported: Vec<&Value> = events.iter().filter(|e| e["type"] == "exported").collect();
    assert_eq!(exported.len(), 4, "one per step: {exported:#?}");
    let thank_you = exported
        .iter()
        .find(|e| e["step"] == "thank-you-dana-whitfield-email")
        .expect("the thank-you was exported");
    let file = thank_you["file"].as_str().expect("a file");
    let file = file.replace("[HOME]", &user.home.path().display().to_string());
    let eml = std::fs::read_to_string(file).expect("the file exists");
    let message_id = thank_you["message_id"].as_str().expect("an email has a Message-ID");
    assert!(
        eml.contains(&format!("<{message_id}>")),
        "the recorded id is the file's: {message_id}"
    );
    let due = user.json(&["due", "--now", "2026-11-24T16:30:00-06:00"]);
    let action = due["items"][0]["action"].as_str().expect("an action");
    assert!(
        action.starts_with("send the draft in [HOME]/drafts/thank-you-dana-whitfield-email.eml"),
        "{action}"
    );
    // Exporting again into the same folder records nothing twice.
    user.ok(&["export", EMAIL, "--out", &out_arg, "--now", "2026-11-24T15:40:00-06:00"]);
    let show = user.json(&["show", ANA, "--now", "2026-11-24T15:46:00-06:00"]);
    let count = show["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == "exported")
        .count();
    assert_eq!(count, 4);
}

#[test]
fn the_calendar_follows_the_tracker_and_cancels_what_stopped() {
    use crate::export::{events, prop};
    let user = User::new();
    user.ok(&["add", EMAIL, "--now", "2026-11-24T15:30:00-06:00"]);
    let file = user.home.path().join("followup.ics");
    let file_arg = file.display().to_string();
    let first = user.ok(&["calendar", "--out", &file_arg, "--now", "2026-11-24T15:31:00-06:00"]);
    assert!(first.stdout.starts_with("created"), "{}", first.stdout);
    let before = std::fs::read_to_string(&file).expect("written");
    let parsed = events(&before);
    assert_eq!(parsed.len(), 4);
    assert!(
        parsed.iter().all(|e| e.find_prop("STATUS").is_none() && e.find_prop("SEQUENCE").is_none())
    );
    // The same UIDs as `followup export` writes, so an imported export is updated.
    let out = user.home.path().join("drafts");
    user.ok(&[
        "export",
        EMAIL,
        "--out",
        &out.display().to_string(),
        "--now",
        "2026-11-24T15:40:00-06:00",
    ]);
    let exported = std::fs::read_to_string(out.join("followup.ics")).expect("exported");
    let uids = |text: &str| {
        let mut uids: Vec<String> = events(text).iter().map(|e| prop(e, "UID")).collect();
        uids.sort();
        uids
    };
    assert_eq!(uids(&before), uids(&exported));
    // Nothing changed (the export only recorded files): the same bytes, at another time.
    user.ok(&["calendar", "--out", &file_arg, "--now", "2026-11-24T15:50:00-06:00"]);
    let again = user.ok(&["calendar", "--out", &file_arg, "--now", "2026-11-24T16:50:00-06:00"]);
    assert!(again.stdout.starts_with("unchanged"), "{}", again.stdout);

    // A late send moves the LinkedIn request: its SEQUENCE rises, its time follows.
    user.ok(&[
        "sent",
        "thank-you-dana-whitfield-email",
        "--at",
        "2026-11-25T08:40:00-06:00",
        "--now",
        "2026-11-25T08:45:00-06:00",
    ]);
    user.ok(&["calendar", "--out", &file_arg, "--now", "2026-11-25T08:46:00-06:00"]);
    let moved = std::fs::read_to_string(&file).expect("written");
    let linkedin = events(&moved)
        .into_iter()
        .find(|e| prop(e, "UID").starts_with("connection-request-dana-whitfield-linkedin."))
        .expect("the LinkedIn request is there");
    assert_eq!(prop(&linkedin, "SEQUENCE"), "1");
    assert_eq!(prop(&linkedin, "DTSTART"), "20261125T154000Z");

    // A reply cancels the check-ins; the calendar keeps them, cancelled.
    user.ok(&[
        "replied",
        ANA,
        "--at",
        "2026-12-01T10:00:00-06:00",
        "--now",
        "2026-12-01T10:01:00-06:00",
    ]);
    user.ok(&["calendar", "--out", &file_arg, "--now", "2026-12-01T10:02:00-06:00"]);
    let replied = std::fs::read_to_string(&file).expect("written");
    let parsed = events(&replied);
    assert_eq!(parsed.len(), 4, "stopped steps stay, cancelled");
    for event in &parsed {
        let cancelled = event.find_prop("STATUS").is_some_and(|p| p.val.as_str() == "CANCELLED");
        let check_in = prop(event, "UID").starts_with("check-in-");
        assert_eq!(cancelled, check_in, "{}", prop(event, "UID"));
        if check_in {
            assert!(prop(event, "SEQUENCE").parse::<u32>().is_ok_and(|n| n >= 1));
        }
        assert!(event.find_prop("DURATION").is_some(), "every event has an end");
    }
    // Another file is not replaced without --force.
    let notes = user.home.path().join("notes.ics");
    std::fs::write(&notes, "my own calendar\n").expect("written");
    let refused = user.run(&["calendar", "--out", &notes.display().to_string()]);
    assert_ne!(refused.code, 0, "{}", refused.transcript());
    assert_eq!(std::fs::read_to_string(&notes).expect("kept"), "my own calendar\n");
}

#[test]
fn two_followup_processes_adding_at_once_lose_nothing() {
    let user = User::new();
    let batch = |who: &str| -> Vec<String> {
        (0..15)
            .map(|n| user.example_for(&format!("{who} Number{n}"), &format!("{who}-{n}.toml")))
            .collect()
    };
    let binary = followup_test_support::followup_binary();
    let children: Vec<_> = [batch("First"), batch("Second")]
        .into_iter()
        .map(|files| {
            std::process::Command::new(&binary)
                .arg("add")
                .args(&files)
                .args(["--now", "2026-11-24T15:30:00-06:00"])
                .env_clear()
                .env("HOME", user.home.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("followup starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("followup ends");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let store = followup_tracker::Store::open(&user.store()).expect("opens");
    assert_eq!(store.ids().expect("readable").len(), 30, "every interview of both processes");
    assert_eq!(store.event_count().expect("readable"), 30);
}
