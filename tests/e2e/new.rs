//! `followup new --from-invite`, `init`, `doctor`, `completions` and `man` as a user
//! runs them: each invitation fixture in `tests/invites/` becomes an interview file
//! (snapshotted), `followup validate` says what is left, and once that is filled in it
//! plans; the prompts are driven through a pseudo-terminal.

use std::path::{Path, PathBuf};
use std::time::Duration;

use followup_test_support::{ScratchDir, followup_binary};
use followup_tests::{Invocation, Run, run_followup, workspace_root};

/// The evening after the fixtures' interviews: every step has a status a reader expects.
const NOW: &str = "2026-11-20T09:00:00-06:00";

/// A home whose profile is the candidate the fixtures invite.
fn home_with_profile(label: &str) -> ScratchDir {
    let home = ScratchDir::new(label);
    let config = home.path().join(".config").join("followup");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("profile.toml"),
        "name = \"Ana Ruiz\"\nemail = \"ana.ruiz@example.com\"\ntime_zone = \"America/Chicago\"\n",
    )
    .expect("profile written");
    home
}

#[track_caller]
fn followup_in(home: &Path, args: &[&str]) -> Run {
    run_followup(args, &Invocation { home: Some(home), ..Invocation::default() })
}

fn invites() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("tests/invites"))
        .expect("tests/invites")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ics"))
        .collect();
    files.sort();
    files
}

/// Uncomments the example under every TODO marker, with a value put in each blank.
fn fill_in(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("# TODO ") {
            let example = lines.next().expect("an example follows each marker");
            out.push_str(&example.replacen("# ", "", 1).replace("\"\"", "\"filled in\""));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[test]
fn each_invitation_becomes_an_interview_file_that_plans_once_filled_in() {
    for invite in invites() {
        let name = invite.file_stem().expect("a name").to_string_lossy().into_owned();
        let home = home_with_profile(&format!("new-{name}"));
        let out = home.path().join("interview.toml");
        let (invite, out_arg) = (invite.display().to_string(), out.display().to_string());
        let run = followup_in(home.path(), &["new", "--from-invite", &invite, "--out", &out_arg]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(run.stderr.contains("still to fill in"), "{name}: {}", run.stderr);
        let text = std::fs::read_to_string(&out).expect("written");
        insta::assert_snapshot!(format!("new-{name}"), text);

        let left = followup_in(home.path(), &["validate", &out_arg]);
        assert_eq!(left.code, 3, "role title and kind are still missing: {}", left.stdout);
        insta::assert_snapshot!(format!("new-{name}-left"), left.stdout);

        std::fs::write(&out, fill_in(&text)).expect("filled in");
        let valid = followup_in(home.path(), &["validate", &out_arg]);
        assert_eq!(valid.code, 0, "{name}: {}{}", valid.stdout, valid.stderr);
        assert!(!valid.stdout.contains("warning"), "{name}: {}", valid.stdout);
        let plan = followup_in(home.path(), &["plan", &out_arg, "--now", NOW]);
        assert_eq!(plan.code, 0, "{name}: {}", plan.stderr);
        assert!(plan.stdout.starts_with("Follow-up plan for Ana Ruiz:"), "{name}: {}", plan.stdout);
    }
}

#[test]
fn refused_invitations_exit_3_with_file_and_line() {
    let home = home_with_profile("new-refused");
    let invite = workspace_root().join("tests/invites/refused/recurring.ics");
    let run = followup_in(home.path(), &["new", "--from-invite", &invite.display().to_string()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @"error: [ROOT]/tests/invites/refused/recurring.ics:8: the event repeats (RRULE:FREQ=WEEKLY;COUNT=4); an interview happens once: export the one occurrence that was the interview");
    assert_eq!(std::fs::read_dir(home.path()).expect("home").count(), 1, "nothing written");
}

#[test]
fn unreadable_and_binary_invitations_exit_4_and_3() {
    let home = home_with_profile("new-unreadable");
    let missing = home.path().join("missing.ics").display().to_string();
    let run = followup_in(home.path(), &["new", "--from-invite", &missing]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("missing.ics: cannot read the invitation"), "{}", run.stderr);
    let binary = home.path().join("binary.ics");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x42]).expect("written");
    let run = followup_in(home.path(), &["new", "--from-invite", &binary.display().to_string()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("is not UTF-8 text"), "{}", run.stderr);
}

#[test]
fn new_never_replaces_a_file() {
    let home = home_with_profile("new-exists");
    let out = home.write("taken.toml", "# mine\n");
    let invite = workspace_root().join("tests/invites/google-meet.ics");
    let args = [
        "new",
        "--from-invite",
        &invite.display().to_string(),
        "--out",
        &out.display().to_string(),
    ];
    let run = followup_in(home.path(), &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("never replaces a file"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "# mine\n");
}

#[test]
fn new_without_an_invitation_writes_the_template_validate_explains() {
    let home = home_with_profile("new-template");
    let out = home.path().join("blank.toml").display().to_string();
    let run = followup_in(home.path(), &["new", "--out", &out, "--no-input"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let left = followup_in(home.path(), &["validate", &out]);
    assert_eq!(left.code, 3);
    insta::assert_snapshot!(left.stdout);
}

/// Sends a line to the pseudo-terminal and waits for the next prompt.
fn answer(session: &mut rexpect::session::PtySession, expect: &str, line: &str) {
    session.exp_string(expect).unwrap_or_else(|err| panic!("waiting for {expect:?}: {err}"));
    // The prompt is drawn before the terminal is switched to raw mode, which drops
    // what was typed ahead; a person never types that fast.
    std::thread::sleep(Duration::from_millis(300));
    session.send(line).expect("the terminal takes input");
    session.send("\r").expect("the terminal takes input");
    session.flush().expect("the terminal takes input");
}

fn pty_command(home: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(followup_binary());
    command.args(args).current_dir(home).env_clear().env("HOME", home).env("TERM", "xterm");
    command
}

#[test]
fn prompts_on_a_terminal_fill_in_what_the_invitation_cannot_know() {
    let home = home_with_profile("new-pty");
    let invite = workspace_root().join("tests/invites/outlook-teams.ics");
    let command =
        pty_command(home.path(), &["new", "--from-invite", &invite.display().to_string()]);
    let timeout = Some(Duration::from_secs(30).as_millis().try_into().expect("fits"));
    let mut session = rexpect::session::spawn_command(command, timeout).expect("spawns on a pty");
    answer(&mut session, "Company", "");
    answer(&mut session, "Company culture", "");
    answer(&mut session, "Role title", "Business Analyst");
    answer(&mut session, "Kind of role", "");
    answer(&mut session, "discussed with Camille Laurent (1", "the client onboarding audit");
    answer(&mut session, "discussed with Camille Laurent (2", "");
    answer(&mut session, "discussed with Hugo Martin (1", "");
    answer(&mut session, "A strength worth restating (1", "mapping processes with finance teams");
    answer(&mut session, "A strength worth restating (2", "");
    answer(&mut session, "Decision date", "2026-12-04");
    session.exp_eof().expect("the command ends");

    let out = home.path().join("2026-11-26-lumiere-conseil.toml");
    let text = std::fs::read_to_string(&out).expect("written under its default name");
    insta::assert_snapshot!(text);
    let out = out.display().to_string();
    let valid = followup_in(home.path(), &["validate", &out]);
    assert_eq!(valid.code, 0, "{}", valid.stdout);
    let plan = followup_in(home.path(), &["plan", &out, "--now", NOW]);
    assert_eq!(plan.code, 0, "{}", plan.stderr);
}

#[test]
fn without_an_invitation_everything_is_asked() {
    let home = home_with_profile("new-pty-blank");
    let command = pty_command(home.path(), &["new", "--out", "asked.toml"]);
    let mut session =
        rexpect::session::spawn_command(command, Some(30_000)).expect("spawns on a pty");
    answer(&mut session, "Company", "Brightline Health");
    answer(&mut session, "Industry", "software");
    answer(&mut session, "Company culture", "");
    answer(&mut session, "Role title", "Senior Software Engineer");
    answer(&mut session, "Kind of role", "");
    answer(&mut session, "Time zone of the interview", "America/Denver");
    answer(&mut session, "Start", "tomorrow");
    answer(&mut session, "YYYY-MM-DD HH:MM", "2026-12-02 13:00");
    answer(&mut session, "Length in minutes", "150");
    answer(&mut session, "How was it held", "");
    answer(&mut session, "Interviewer 1's name", "Riya Shah");
    answer(&mut session, "Riya Shah's email", "riya.shah@brightline.example");
    answer(&mut session, "Interviewer 2's name", "");
    answer(&mut session, "discussed with Riya Shah (1", "the on-call rotation redesign");
    answer(&mut session, "discussed with Riya Shah (2", "");
    answer(&mut session, "A strength worth restating (1", "");
    answer(&mut session, "Decision date", "");
    session.exp_eof().expect("the command ends");

    let out = home.path().join("asked.toml");
    insta::assert_snapshot!(std::fs::read_to_string(&out).expect("written"));
    let out = out.display().to_string();
    let valid = followup_in(home.path(), &["validate", &out]);
    assert_eq!(valid.code, 0, "{}", valid.stdout);
    let plan = followup_in(home.path(), &["plan", &out, "--now", NOW]);
    assert_eq!(plan.code, 0, "{}", plan.stderr);
}

#[test]
fn init_writes_the_profile_and_doctor_checks_it() {
    let home = ScratchDir::new("init");
    let run = followup_in(
        home.path(),
        &[
            "init",
            "--name",
            "Ana Ruiz",
            "--email",
            "ana.ruiz@example.com",
            "--time-zone",
            "America/Chicago",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr, @r"
    wrote [HOME]/.config/followup/profile.toml
    every interview is merged with it; `followup doctor` checks it
    ");
    let again = followup_in(home.path(), &["init", "--name", "Someone Else"]);
    assert_eq!(again.code, 2, "an existing profile is kept without --force");

    let doctor = followup_in(home.path(), &["doctor"]);
    assert_eq!(doctor.code, 0, "{}", doctor.stdout);
    insta::assert_snapshot!(doctor.stdout);

    std::fs::write(
        home.path().join(".config/followup/profile.toml"),
        "time_zone = \"America/Chigaco\"\n",
    )
    .expect("profile replaced");
    let doctor = followup_in(home.path(), &["doctor"]);
    assert_eq!(doctor.code, 1, "{}", doctor.stdout);
    assert!(doctor.stdout.contains("did you mean America/Chicago?"), "{}", doctor.stdout);
}

#[test]
fn init_asks_on_a_terminal() {
    let home = ScratchDir::new("init-pty");
    let command = pty_command(home.path(), &["init", "--out", "profile.toml"]);
    let timeout = Some(30_000);
    let mut session = rexpect::session::spawn_command(command, timeout).expect("spawns on a pty");
    answer(&mut session, "Your full name", "Ana Ruiz");
    answer(&mut session, "Your email", "ana.ruiz@example.com");
    answer(&mut session, "Your mobile number", "312 555 0143");
    answer(&mut session, "E.164 form", "+13125550143");
    answer(&mut session, "Your time zone", "America/Chicago");
    answer(&mut session, "Signature", "");
    session.exp_eof().expect("the command ends");
    let text = std::fs::read_to_string(home.path().join("profile.toml")).expect("written");
    insta::assert_snapshot!(text);
}

#[test]
fn completions_and_man_page_name_every_command() {
    let home = ScratchDir::new("completions");
    for shell in ["bash", "zsh", "fish"] {
        let run = followup_in(home.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for command in ["plan", "draft", "export", "new", "init", "doctor"] {
            assert!(run.stdout.contains(command), "{shell} completions lack {command}");
        }
    }
    let man = followup_in(home.path(), &["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH followup"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    let dir = home.path().join("man1");
    let run = followup_in(home.path(), &["man", "--out", &dir.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in ["followup.1", "followup-new.1", "followup-plan.1"] {
        assert!(dir.join(page).is_file(), "{page} written");
    }
}
