//! Every invitation fixture in `tests/invites/` (the shapes Google Calendar, Outlook,
//! Apple Calendar, Zoom and a phone screen write) read into a draft, and every one in
//! `tests/invites/refused/` refused with its message; plus no panic on any input.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use followup_invite::{InviteDraft, Options, read_invite};
use proptest::prelude::*;

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/invites").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/invites exists")
        .map(|entry| entry.expect("readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ics"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

const CANDIDATE: &[&str] = &["ana.ruiz@example.com"];

fn read(path: &Path) -> Result<InviteDraft, followup_invite::InviteError> {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let me: Vec<String> = CANDIDATE.iter().map(|s| s.to_string()).collect();
    let options =
        Options { candidate_emails: &me, time_zone: None, fallback_zone: Some("America/Chicago") };
    let name = Path::new(path.file_name().expect("a file"));
    read_invite(name, &text, &options)
}

fn describe(draft: &InviteDraft) -> String {
    let mut out = String::new();
    let found = |value: Option<String>, from: Option<&str>| match (value, from) {
        (Some(v), Some(from)) => format!("{v} (from {from})"),
        _ => "unknown".to_string(),
    };
    let company = draft.company.as_ref();
    let zone = draft.meeting.time_zone.as_ref();
    let format = draft.meeting.format.as_ref();
    let _ = writeln!(out, "summary: {}", draft.summary.as_deref().unwrap_or("none"));
    let _ = writeln!(
        out,
        "company: {}",
        found(company.map(|c| c.value.clone()), company.map(|c| c.from.as_str()))
    );
    let _ = writeln!(out, "start: {}", draft.meeting.start);
    let _ = writeln!(
        out,
        "end: {}",
        draft.meeting.end.as_ref().map_or("none".to_string(), ToString::to_string)
    );
    let _ = writeln!(
        out,
        "time zone: {}",
        found(zone.map(|z| z.value.clone()), zone.map(|z| z.from.as_str()))
    );
    let _ = writeln!(
        out,
        "format: {}",
        found(format.map(|f| format!("{:?}", f.value)), format.map(|f| f.from.as_str()))
    );
    let _ = writeln!(out, "link: {}", draft.meeting.link.as_deref().unwrap_or("none"));
    let _ = writeln!(out, "location: {:?}", draft.meeting.location);
    for person in &draft.interviewers {
        let _ = writeln!(
            out,
            "interviewer: {} <{}>",
            person.name,
            person.email.as_deref().unwrap_or("")
        );
    }
    let unknown: Vec<&str> = draft.unknown.iter().map(|u| u.field()).collect();
    let _ = writeln!(out, "unknown: {}", unknown.join(", "));
    out
}

#[test]
fn invitations_as_clients_write_them() {
    for path in fixtures("") {
        let name = path.file_stem().expect("a name").to_string_lossy().into_owned();
        let draft = read(&path).unwrap_or_else(|err| panic!("{name}: {err}"));
        insta::assert_snapshot!(format!("read-{name}"), describe(&draft));
    }
}

#[test]
fn refused_invitations_say_why_and_where() {
    for path in fixtures("refused") {
        let name = path.file_stem().expect("a name").to_string_lossy().into_owned();
        let error = read(&path).expect_err(&name).to_string();
        insta::assert_snapshot!(format!("refused-{name}"), error);
    }
}

#[test]
fn time_zone_option_reads_floating_times_and_unknown_zones() {
    let me: Vec<String> = CANDIDATE.iter().map(|s| s.to_string()).collect();
    let options =
        Options { candidate_emails: &me, time_zone: Some("Europe/Paris"), fallback_zone: None };
    for name in ["floating.ics", "unknown-zone.ics"] {
        let path = fixtures("refused").into_iter().find(|p| p.ends_with(name)).expect("fixture");
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let draft = read_invite(Path::new(name), &text, &options).expect(name);
        assert_eq!(draft.meeting.time_zone.map(|z| z.value).as_deref(), Some("Europe/Paris"));
        assert_eq!(draft.meeting.start.time_zone().iana_name(), Some("Europe/Paris"));
    }
}

#[test]
fn an_invitation_larger_than_the_limit_is_refused_before_reading() {
    let text = "X".repeat(followup_invite::MAX_INVITE_BYTES + 1);
    let error =
        read_invite(Path::new("big.ics"), &text, &Options::default()).expect_err("too large");
    assert!(matches!(error, followup_invite::InviteError::TooLarge { .. }), "{error}");
}

/// Lines an invitation is made of, for the generator to shuffle and break.
const PIECES: &[&str] = &[
    "BEGIN:VCALENDAR",
    "END:VCALENDAR",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VTIMEZONE",
    "END:VTIMEZONE",
    "METHOD:REQUEST",
    "DTSTART:20261124T200000Z",
    "DTSTART;TZID=Romance Standard Time:20261126T100000",
    "DTSTART;TZID=\"unterminated:20261126T100000",
    "DTEND:99991231T235959Z",
    "DTEND:00000101T000000Z",
    "DTSTART;VALUE=DATE:2026",
    "DURATION:PT99999999999999999999H",
    "DURATION:P1W",
    "ORGANIZER;CN=\"Okafor, Chidi\":mailto:c@x.example",
    "ATTENDEE;CN=:mailto:",
    "ATTENDEE;CUTYPE=ROOM:mailto:room@x.example",
    "ATTENDEE:mailto:ana.ruiz@example.com",
    "ATTENDEE;CN=É\u{301}:mailto:é@ü.example",
    "LOCATION:https://zoom.us",
    "LOCATION:tel:",
    "X-WR-TIMEZONE:Nowhere/Else",
    " folded",
    "\t",
    ";:",
    ":",
    "RRULE:",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any mix of invitation lines, broken or not, is read or refused, never a panic.
    #[test]
    fn no_input_makes_it_panic(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
        noise in "\\PC{0,40}",
        cut in 0usize..2000,
    ) {
        let mut text = pieces.join("\r\n");
        text.push_str(&noise);
        let cut = (0..=cut.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let me = vec!["ana.ruiz@example.com".to_string()];
        let options = Options { candidate_emails: &me, time_zone: None, fallback_zone: Some("UTC") };
        let _ = read_invite(Path::new("any.ics"), &text, &options);
        let _ = read_invite(Path::new("any.ics"), &text[..cut], &options);
    }
}
