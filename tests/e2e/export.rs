//! `followup export` as a user runs it: the built binary with the real plugins beside
//! it, writing into scratch folders. Every file is read back with a parser that is not
//! ours (mail-parser for `.eml`, icalendar's parser for `.ics`, pdf-extract for PDFs)
//! and compared with what `followup plan` and `followup draft` say; the text files are
//! snapshotted; and the safety promises are checked: nothing replaced without
//! `--force`, nothing half-written when the disk fills, and no hostile name able to add
//! a mail header or a calendar line.

use std::collections::BTreeMap;
use std::path::Path;

use followup_core::draft::Draft;
use followup_core::export::interview_key;
use followup_core::plan::Plan;
use followup_test_support::ScratchDir;
use followup_tests::{Invocation, Run, read_interview, run_followup, workspace_root};
use icalendar::parser::{Component, read_calendar, unfold};
use mail_parser::MessageParser;

/// The present moment of every export here, so that files are reproducible.
const NOW: &str = "2026-11-24T18:00:00-06:00";

/// Runs `followup` with `args` in a clean environment whose home is `home`, and
/// `sh_prefix` (a shell snippet run before it) when given. Paths are left as they are:
/// these tests compare them.
#[track_caller]
fn followup_with(home: &Path, args: &[&str], sh_prefix: Option<&str>) -> Run {
    run_followup(
        args,
        &Invocation {
            home: Some(home),
            shell_prefix: sh_prefix,
            keep_paths: true,
            ..Invocation::default()
        },
    )
}

#[track_caller]
fn followup(home: &Path, args: &[&str]) -> Run {
    followup_with(home, args, None)
}

/// Exports `interview` into `out` with `--now NOW` and `extra` options.
#[track_caller]
fn export(home: &Path, interview: &str, out: &Path, extra: &[&str]) -> Run {
    let out = out.display().to_string();
    let mut args = vec!["export", interview, "--out", &out, "--now", NOW];
    args.extend_from_slice(extra);
    followup(home, &args)
}

/// Every file in `dir` by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| {
            let entry = entry.expect("a readable entry");
            let content = std::fs::read(entry.path()).expect("a readable file");
            (entry.file_name().to_string_lossy().into_owned(), content)
        })
        .collect()
}

/// The plan `followup plan --format json` prints for `interview`.
#[track_caller]
fn plan(home: &Path, interview: &str, extra: &[&str]) -> Plan {
    let mut args = vec!["plan", interview, "--format", "json", "--now", NOW];
    args.extend_from_slice(extra);
    let run = followup(home, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the plan is JSON")
}

/// The drafts `followup draft --format json` prints for `interview`, by step id.
#[track_caller]
fn drafts(home: &Path, interview: &str, extra: &[&str]) -> BTreeMap<String, Draft> {
    let mut args = vec!["draft", interview, "--format", "json", "--now", NOW];
    args.extend_from_slice(extra);
    let run = followup(home, &args);
    let drafts: Vec<Draft> = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|err| panic!("the drafts are not JSON ({err}): {}", run.stderr));
    drafts.into_iter().map(|d| (d.step_id.clone(), d)).collect()
}

/// The text files of an export, as one snapshot: each under its name, line breaks as
/// LF (the `.eml` and `.ics` files use CRLF, which the parsers check).
fn text_snapshot(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut text = String::new();
    for (name, content) in files {
        if name.ends_with(".pdf") || name == "index.html" {
            continue;
        }
        text.push_str(&format!("==== {name}\n"));
        text.push_str(&String::from_utf8_lossy(content).replace("\r\n", "\n"));
        text.push('\n');
    }
    text
}

/// Checks every `.eml` of an export against the plan and the drafts.
#[track_caller]
fn check_emails(
    interview_path: &str,
    files: &BTreeMap<String, Vec<u8>>,
    plan: &Plan,
    drafts: &BTreeMap<String, Draft>,
) {
    let interview = read_interview(&workspace_root().join(interview_path));
    let key = interview_key(&interview);
    let emails: Vec<_> = plan.steps.iter().filter(|s| s.channel == "email").collect();
    for step in emails {
        let name = format!("{}.eml", step.id);
        let bytes = files.get(&name).unwrap_or_else(|| panic!("{name} was not exported"));
        let message = MessageParser::default().parse(bytes).expect("the .eml parses");
        let draft = &drafts[&step.id];

        let from = message.from().and_then(|a| a.first()).expect("a From address");
        assert_eq!(from.address(), interview.candidate.email.as_deref(), "{name}: From");
        assert_eq!(from.name(), interview.candidate.name.as_deref(), "{name}: From name");

        let recipient_email = match step.recipient.kind {
            followup_core::plan::RecipientKind::Interviewer => interview
                .interviewers
                .iter()
                .find(|p| p.name == step.recipient.name)
                .and_then(|p| p.email.clone()),
            followup_core::plan::RecipientKind::Recruiter => {
                interview.staffing.as_ref().and_then(|s| s.recruiter.email.clone())
            }
        };
        let to: Vec<_> = message.to().map(|a| a.iter().collect()).unwrap_or_default();
        assert_eq!(to.len(), 1, "{name}: one To address");
        assert_eq!(to[0].address(), recipient_email.as_deref(), "{name}: To");
        assert_eq!(to[0].name(), Some(step.recipient.name.as_str()), "{name}: To name");

        let cc: Vec<(String, String)> = message
            .cc()
            .map(|a| {
                a.iter()
                    .map(|a| {
                        (
                            a.name().unwrap_or_default().to_string(),
                            a.address().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let expected: Vec<(String, String)> = step
            .recipient
            .cc
            .iter()
            .map(|copied| {
                let recruiter = interview.staffing.as_ref().map(|s| &s.recruiter);
                let email = recruiter.filter(|r| &r.name == copied).and_then(|r| r.email.clone());
                (copied.clone(), email.expect("the copied recruiter has an address"))
            })
            .collect();
        assert_eq!(cc, expected, "{name}: Cc follows the outreach policy");

        // A check-in answers the thank-you's thread: `Re: ` its subject, and the headers
        // that thread it.
        match followup_core::export::thread_parent(&plan.steps, step) {
            Some(parent) => {
                let parent_id = followup_core::export::message_id(&parent.id, &interview);
                let parent_subject = drafts[&parent.id].subject.clone().expect("a subject");
                assert_eq!(
                    message.subject(),
                    Some(format!("Re: {parent_subject}").as_str()),
                    "{name}: Subject"
                );
                assert_eq!(
                    message.in_reply_to().as_text(),
                    Some(parent_id.as_str()),
                    "{name}: In-Reply-To"
                );
                assert_eq!(
                    message.references().as_text(),
                    Some(parent_id.as_str()),
                    "{name}: References"
                );
            }
            None => {
                assert_eq!(message.subject(), draft.subject.as_deref(), "{name}: Subject");
                assert!(
                    message.in_reply_to().is_empty(),
                    "{name}: a first message answers nothing"
                );
            }
        }
        let date = message.date().expect("a Date").to_timestamp();
        assert_eq!(date, step.send_at.as_second(), "{name}: Date is the moment to send");
        let id = followup_core::export::message_id(&step.id, &interview);
        if step.id.is_ascii() {
            assert_eq!(id, format!("{}.{key}@followup.invalid", step.id), "{name}: Message-ID");
        }
        assert_eq!(message.message_id(), Some(id.as_str()), "{name}: Message-ID");
        assert!(id.is_ascii(), "{name}: an ASCII Message-ID");
        assert_python_reads_without_defects(&name, bytes);
        let unsent = message.header("X-Unsent").and_then(|v| v.as_text());
        assert_eq!(unsent, Some("1"), "{name}: X-Unsent");
        assert!(message.bcc().is_none(), "{name}: no Bcc");
        let body = message.body_text(0).expect("a text body");
        assert_eq!(body.replace("\r\n", "\n").trim_end(), draft.body.trim_end(), "{name}: body");
    }
}

/// Python's `email` package (the standard library's parser, strict policy) reads the
/// message without a single defect.
#[track_caller]
fn assert_python_reads_without_defects(name: &str, bytes: &[u8]) {
    let script = r#"
import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.default)
defects = list(m.defects) + [d for part in m.walk() for d in part.defects]
for h in ('From', 'To', 'Cc', 'Subject', 'Message-ID', 'In-Reply-To', 'References'):
    v = m[h]
    defects += list(getattr(v, 'defects', []))
if defects:
    print(repr(defects))
    sys.exit(1)
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs (it is on every machine here)");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("a pipe");
        stdin.write_all(bytes).expect("python reads the message");
    }
    let output = child.wait_with_output().expect("python ends");
    assert!(
        output.status.success(),
        "{name}: Python's email package finds defects: {}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// The events of a calendar file, parsed by icalendar's parser.
pub(crate) fn events(ics: &str) -> Vec<Component<'static>> {
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).unwrap_or_else(|err| panic!("the .ics parses: {err}"));
    let events: Vec<Component<'static>> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| owned(c))
        .collect();
    events
}

/// A component that outlives the unfolded text it was parsed from.
fn owned(component: &Component<'_>) -> Component<'static> {
    Component {
        name: component.name.to_owned(),
        properties: component
            .properties
            .iter()
            .map(|p| icalendar::parser::Property {
                name: p.name.to_owned(),
                val: p.val.to_owned(),
                params: Vec::new(),
            })
            .collect(),
        components: component.components.iter().map(owned).collect(),
    }
}

/// The value of property `name` of `component`, unescaped as TEXT.
#[track_caller]
pub(crate) fn prop(component: &Component<'_>, name: &str) -> String {
    let property = component
        .find_prop(name)
        .unwrap_or_else(|| panic!("{} has no {name}", component.name.as_str()));
    property.val.clone().unescape_text().as_str().to_string()
}

#[test]
fn exports_of_bundled_examples_read_back_with_other_parsers() {
    insta::glob!("../../docs/examples", "*.toml", |path| {
        let relative = path.strip_prefix(workspace_root()).expect("inside the workspace");
        let relative = relative.to_string_lossy().into_owned();
        let home = ScratchDir::new("export-examples");
        let out = home.path().join("out");
        let run = export(home.path(), &relative, &out, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let plan = plan(home.path(), &relative, &[]);
        let drafts = drafts(home.path(), &relative, &[]);
        let files = files(&out);
        assert!(files.contains_key("followup.ics") && files.contains_key("index.html"));
        check_emails(&relative, &files, &plan, &drafts);

        let ics = String::from_utf8(files["followup.ics"].clone()).expect("UTF-8");
        let events = events(&ics);
        assert_eq!(events.len(), plan.steps.len(), "one event per step");
        let key = interview_key(&read_interview(path));
        for (event, step) in events.iter().zip(&plan.steps) {
            assert_eq!(prop(event, "UID"), format!("{}.{key}@followup.invalid", step.id));
            let start = step.send_at.strftime("%Y%m%dT%H%M%SZ").to_string();
            assert_eq!(prop(event, "DTSTART"), start, "{}: at send_at, in UTC", step.id);
            let description = prop(event, "DESCRIPTION");
            let local = followup_core::human_time::human(step.send_at, &step.time_zone);
            let deadline = followup_core::human_time::human(step.not_after, &step.time_zone);
            assert!(description.contains(&format!("Send at {local}")), "{description}");
            assert!(description.contains(&format!("Deadline: {deadline}")), "{description}");
            assert!(description.contains("Window: "), "{description}");
            let alarm = event.components.first().expect("a VALARM");
            assert_eq!(alarm.name.as_str(), "VALARM");
            assert_eq!(prop(alarm, "TRIGGER"), "-PT15M");
            assert_eq!(prop(alarm, "ACTION"), "DISPLAY");
        }

        let html = String::from_utf8(files["index.html"].clone()).expect("UTF-8");
        check_self_contained(&html, &files);
        for draft in drafts.values() {
            let escaped = draft.body.trim_end().replace('&', "&amp;").replace('\'', "&#39;");
            assert!(html.contains(&escaped), "index.html lacks the draft of {}", draft.step_id);
        }

        insta::assert_snapshot!(text_snapshot(&files));
    });
}

/// A page opens from the folder with nothing fetched, and its links lead to files of
/// the export.
#[track_caller]
fn check_self_contained(html: &str, files: &BTreeMap<String, Vec<u8>>) {
    for forbidden in ["<script", " src=", "<link", "url(", "@import", "http://", "https://"] {
        assert!(!html.contains(forbidden), "index.html contains {forbidden:?}");
    }
    for link in html.split("href=\"").skip(1) {
        let target = link.split('"').next().unwrap_or_default();
        assert!(
            files.contains_key(target),
            "index.html links to {target:?}, which is not exported"
        );
    }
}

#[test]
fn cc_recruiter_copies_the_recruiter_on_emails_to_interviewers() {
    let home = ScratchDir::new("export-cc");
    let out = home.path().join("out");
    let interview = "tests/plans/cc-recruiter.toml";
    let run = export(home.path(), interview, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan = plan(home.path(), interview, &[]);
    assert!(plan.steps.iter().any(|s| !s.recipient.cc.is_empty()), "the fixture copies someone");
    check_emails(interview, &files(&out), &plan, &drafts(home.path(), interview, &[]));
}

#[test]
fn export_lists_what_it_wrote() {
    let home = ScratchDir::new("export-listing");
    let out = home.path().join("out");
    let run = export(home.path(), "docs/examples/shift-text.toml", &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stdout = run.stdout.replace(&out.display().to_string(), "[OUT]");
    insta::assert_snapshot!(stdout, @r"
    Exported 3 step(s) for Jordan Lee into [OUT]:
      created   thank-you-marcus-bell-sms.txt
      created   check-in-1-marcus-bell-sms.txt
      created   check-in-2-marcus-bell-sms.txt
      created   followup.ics
      created   index.html
    ");
}

#[test]
fn calendar_uids_are_stable_across_edits_and_differ_between_interviews() {
    let home = ScratchDir::new("export-uids");
    let uids = |interview: &str, out: &str| {
        let out = home.path().join(out);
        let run = export(home.path(), interview, &out, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let ics = std::fs::read_to_string(out.join("followup.ics")).expect("the calendar");
        events(&ics).iter().map(|e| prop(e, "UID")).collect::<Vec<_>>()
    };
    let first = uids("docs/examples/panel.toml", "first");
    assert_eq!(first, uids("docs/examples/panel.toml", "again"), "the same export twice");

    // An edit of what was discussed changes the drafts, not the events' identity.
    let edited = home.path().join("panel-edited.toml");
    let text = std::fs::read_to_string(workspace_root().join("docs/examples/panel.toml"))
        .expect("the example reads")
        .replace("the on-call rotation redesign", "the incident review process");
    std::fs::write(&edited, text).expect("the edited copy is written");
    assert_eq!(first, uids(&edited.display().to_string(), "edited"), "after an edit");

    let other = uids("docs/examples/professional-email.toml", "other");
    assert!(first.iter().all(|uid| !other.contains(uid)), "two interviews share no UID");
}

/// An interview with a letter, whose names need accents, Greek and Cyrillic.
fn accented_letter(home: &ScratchDir) -> String {
    let text = std::fs::read_to_string(workspace_root().join("tests/plans/letter-in-time.toml"))
        .expect("the fixture reads")
        .replace(
            "name = \"Lee Park\"",
            "name = \"Zoë Ångström-Łukasiewicz\"\naddress = [\"ул. Пушкина 10\", \"São Paulo\"]",
        )
        .replace("name = \"Clara Marlowe\"", "name = \"Éléonore Dvořák\"\ntitle = \"Διευθύντρια\"");
    home.write("letter-accents.toml", &text).display().to_string()
}

#[test]
fn letter_pdf_holds_the_drafts_text_with_accents() {
    let home = ScratchDir::new("export-letter");
    let interview = accented_letter(&home);
    let out = home.path().join("out");
    let run = export(home.path(), &interview, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan = plan(home.path(), &interview, &[]);
    let drafts = drafts(home.path(), &interview, &[]);
    let step = plan.steps.iter().find(|s| s.channel == "letter").expect("a letter step");
    let pdf = std::fs::read(out.join(format!("{}.pdf", step.id))).expect("the PDF exists");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(contains(&pdf, b"/MediaBox[0 0 612 792]"), "US Letter by default");
    assert!(contains(&pdf, b"FontFile2"), "the font is embedded");

    let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF's text extracts");
    let body = &drafts[&step.id].body;
    assert_eq!(letters(&text), letters(body), "the PDF says what the draft says");
    for name in ["Zoë", "Ångström-Łukasiewicz", "Éléonore", "Dvořák", "Διευθύντρια", "Пушкина"]
    {
        assert!(text.contains(name), "{name} is missing from the PDF's text:\n{text}");
    }

    let a4 = home.path().join("a4");
    let run = export(home.path(), &interview, &a4, &["--paper", "a4"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = std::fs::read(a4.join(format!("{}.pdf", step.id))).expect("the A4 PDF exists");
    assert!(contains(&pdf, b"/MediaBox[0 0 595.276 841.89]"), "A4 on request");
}

#[test]
fn card_variant_is_a_five_by_seven_card() {
    let home = ScratchDir::new("export-card");
    let out = home.path().join("out");
    let style = ["--style", "docs/examples/styles/staffing-network"];
    let run = export(home.path(), "tests/plans/letter-in-time.toml", &out, &style);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let drafts = drafts(home.path(), "tests/plans/letter-in-time.toml", &style);
    let (id, card) = drafts.iter().find(|(_, d)| d.channel == "letter").expect("a card");
    assert_eq!(card.meta["variant"], "card");
    let pdf = std::fs::read(out.join(format!("{id}.pdf"))).expect("the card's PDF exists");
    assert!(contains(&pdf, b"/MediaBox[0 0 360 504]"), "5 × 7 in, whatever the paper");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("the text extracts");
    assert_eq!(letters(&text), letters(&card.body));
}

/// `text` without its white space, for comparing a PDF's text with the draft's.
///
/// pdf-extract starts a new line only when the baseline moves by more than 1.5 times
/// the font size, so lines set closer than that (as letters are) come out joined
/// without a space; the characters, and their order, are what the comparison checks.
fn letters(text: &str) -> String {
    text.split_whitespace().collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// The names of the files in `dir` that a write left behind (`.name.pid.tmp`).
fn temporary_files(dir: &Path) -> Vec<String> {
    files(dir).into_keys().filter(|name| name.starts_with('.') || name.ends_with(".tmp")).collect()
}

#[test]
fn existing_files_are_replaced_only_with_force() {
    let home = ScratchDir::new("export-force");
    let out = home.path().join("out");
    let interview = "docs/examples/professional-email.toml";
    assert_eq!(export(home.path(), interview, &out, &[]).code, 0);
    let first = files(&out);

    // The same export again changes nothing and needs no --force.
    let again = export(home.path(), interview, &out, &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.lines().skip(1).all(|l| l.trim_start().starts_with("unchanged")));

    // A file edited by hand, and an export at another moment (the calendar's stamp
    // differs): refused, nothing written, every differing file named.
    let edited = out.join("thank-you-dana-whitfield-email.eml");
    std::fs::write(&edited, "edited by hand").expect("edit");
    let before = files(&out);
    let out_text = out.display().to_string();
    let later = ["export", interview, "--out", &out_text, "--now", "2026-11-25T09:00:00-06:00"];
    let refused = followup(home.path(), &later);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stderr.contains("thank-you-dana-whitfield-email.eml"), "{}", refused.stderr);
    assert!(refused.stderr.contains("followup.ics"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert!(refused.stderr.contains("nothing was written"), "{}", refused.stderr);
    assert_eq!(files(&out), before, "a refused export changes nothing");
    assert!(refused.stdout.is_empty());

    let mut forced = later.to_vec();
    forced.push("--force");
    let run = followup(home.path(), &forced);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("replaced  thank-you-dana-whitfield-email.eml"), "{}", run.stdout);
    assert!(run.stdout.contains("replaced  followup.ics"), "{}", run.stdout);
    assert!(run.stdout.contains("unchanged check-in-1-dana-whitfield-email.eml"), "{}", run.stdout);
    let after = files(&out);
    let restored = "thank-you-dana-whitfield-email.eml";
    assert_eq!(after[restored], first[restored], "--force puts the export's content back");
    assert_ne!(after["followup.ics"], first["followup.ics"], "stamped at the new moment");
    assert!(temporary_files(&out).is_empty());
}

#[test]
fn a_name_the_letter_font_cannot_print_fails_that_step_only() {
    let home = ScratchDir::new("export-cjk");
    let text = std::fs::read_to_string(workspace_root().join("tests/plans/letter-in-time.toml"))
        .expect("the fixture reads")
        .replace("name = \"Clara Marlowe\"", "name = \"佐藤 花子\"");
    let interview = home.write("letter-cjk.toml", &text).display().to_string();
    let out = home.path().join("out");
    let run = export(home.path(), &interview, &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("the `letter` plugin ("), "names the library: {}", run.stderr);
    assert!(
        run.stderr.contains("libfollowup_letter") && run.stderr.contains(") could not export step"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("DejaVu Sans, cannot print"), "{}", run.stderr);
    let files = files(&out);
    assert!(files.keys().all(|name| !name.ends_with(".pdf")), "no PDF: {:?}", files.keys());
    assert!(files.contains_key("index.html") && files.contains_key("followup.ics"));
    let html = String::from_utf8(files["index.html"].clone()).expect("UTF-8");
    assert!(html.contains("DejaVu Sans, cannot print"), "the page says why the letter is missing");
}

#[test]
fn a_folder_that_cannot_be_made_is_a_clear_error_and_writes_nothing() {
    let home = ScratchDir::new("export-unwritable");
    // A path below a regular file can never be a folder, even for root.
    let blocker = home.write("not-a-folder", "x");
    let out = blocker.join("out");
    let run = export(home.path(), "docs/examples/panel.toml", &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(&out.display().to_string()), "names the folder: {}", run.stderr);
    assert!(run.stderr.contains("cannot create the export folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&blocker).expect("untouched"), "x");
}

#[test]
fn a_full_disk_leaves_no_half_written_file() {
    let home = ScratchDir::new("export-full");
    let out = home.path().join("out");
    std::fs::create_dir_all(&out).expect("the folder exists");
    let out_text = out.display().to_string();
    // The shell limits the size of any file written to 8 blocks (4 or 8 KiB) and
    // ignores SIGXFSZ, so a write past the limit fails with EFBIG as on a full disk.
    // Root is bound by the limit too. The emails fit; the calendar (about 5 KiB) or
    // the page (about 12 KiB) does not, and is written after them.
    let run = followup_with(
        home.path(),
        &["export", "docs/examples/panel.toml", "--out", &out_text, "--now", NOW],
        Some("trap '' XFSZ; ulimit -f 8"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let named = |file: &str| run.stderr.contains(&format!("{file}: cannot write the file"));
    assert!(named("followup.ics") || named("index.html"), "names the file: {}", run.stderr);
    assert!(run.stderr.contains("no file is half-written"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(files(&out), BTreeMap::new(), "created files are removed, no temporary left");
}

/// An interview whose every free-text field tries to break out of its line. Validation
/// refuses control characters in the one-line fields (names, titles, the company, the
/// profile address: see `one_line_fields_with_control_characters_are_refused`), so here
/// those carry only header syntax, and the multi-line ones (topics, strengths) carry
/// line breaks that must not reach a header or a calendar line.
const HOSTILE: &str = r#"{
  "candidate": {"name": "Ana Bcc: evil@x.example Ruiz", "email": "ana.ruiz@example.com", "time_zone": "America/Chicago"},
  "employer": {"company": "Northwind Analytics; Inc, \\ \"quoted\"", "industry": "technology"},
  "role": {"title": "Data Analyst X-Injected: 1", "kind": "professional"},
  "meeting": {"start": "2026-11-24T14:00:00-06:00", "duration_minutes": 60, "time_zone": "America/Chicago", "format": "video"},
  "interviewers": [{
    "name": "Dana Bcc: evil@x.example Whitfield",
    "title": "Manager BEGIN:VALARM",
    "email": "dana.whitfield@northwind.example",
    "linkedin": "https://www.linkedin.com/in/dana",
    "topics": ["the churn\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil dashboard"]
  }],
  "reinforce": {"strengths": ["cut a query\r\nBcc: evil@x.example to 3 minutes"]},
  "next_steps": {"decision_date": "2026-12-04"}
}"#;

/// Issue 14: control characters in names, titles and the company reached headers and
/// the terminal (`North\u001b[31mwind` coloured it); validation refuses each, naming
/// the field, before anything is planned.
#[test]
fn one_line_fields_with_control_characters_are_refused() {
    let home = ScratchDir::new("export-control");
    let text = HOSTILE
        .replace("Ana Bcc", "Ana\\r\\nBcc")
        .replace("Northwind Analytics", "North\\u001b[31mwind Analytics")
        .replace("Analyst X-Injected", "Analyst\\r\\nX-Injected")
        .replace("Dana Bcc", "Dana\\r\\nBcc")
        .replace("Manager BEGIN", "Manager\\nBEGIN")
        .replace("in/dana", "in/dana\\r\\nX-Injected: 1");
    let interview = home.write("hostile.json", &text).display().to_string();
    let out = home.path().join("out");
    let run = export(home.path(), &interview, &out, &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    for field in [
        "candidate.name: contains a carriage return (CR)",
        "employer.company: contains an escape character (ESC)",
        "role.title: contains a carriage return (CR)",
        "interviewers[0].name: contains a carriage return (CR)",
        "interviewers[0].title: contains a line break (LF)",
        "interviewers[0].linkedin: contains a carriage return (CR)",
    ] {
        assert!(run.stderr.contains(field), "{field}: {}", run.stderr);
    }
    assert!(!run.stderr.contains('\u{1b}'), "no escape reaches the terminal: {}", run.stderr);
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn hostile_text_never_adds_a_header_or_a_calendar_line() {
    let home = ScratchDir::new("export-hostile");
    let interview = home.write("hostile.json", HOSTILE).display().to_string();
    let out = home.path().join("out");
    let run = export(home.path(), &interview, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\r') && run.stdout.lines().count() == 7, "{}", run.stdout);
    let files = files(&out);

    let emails: Vec<_> = files.iter().filter(|(name, _)| name.ends_with(".eml")).collect();
    assert_eq!(emails.len(), 3);
    let known = [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "X-Unsent",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
    ];
    for (name, bytes) in emails {
        let message = MessageParser::default().parse(bytes.as_slice()).expect("parses");
        let headers: Vec<&str> = message.headers().iter().map(|h| h.name.as_str()).collect();
        // Check-ins answer the thank-you's thread: two headers more, and no others.
        let expected: Vec<&str> = if name.starts_with("check-in") {
            let mut threaded = known.to_vec();
            threaded.splice(2..2, ["In-Reply-To", "References"]);
            threaded
        } else {
            known.to_vec()
        };
        assert_eq!(headers, expected, "{name}: exactly the expected headers");
        assert!(message.bcc().is_none(), "{name}");
        let to: Vec<_> = message.to().map(|a| a.iter().collect()).unwrap_or_default();
        assert_eq!(to.len(), 1, "{name}: one recipient");
        assert_eq!(to[0].address(), Some("dana.whitfield@northwind.example"));
        assert_eq!(to[0].name(), Some("Dana Bcc: evil@x.example Whitfield"), "{name}: one name");
        let subject = message.subject().expect("a subject");
        assert!(!subject.contains(['\r', '\n']), "{name}: {subject:?}");
        // The raw header block has no line that is not a header or its folding.
        let text = String::from_utf8_lossy(bytes);
        let head = text.split("\r\n\r\n").next().unwrap_or_default();
        for line in head.split("\r\n") {
            let is_header = expected.iter().any(|h| line.starts_with(&format!("{h}: ")));
            assert!(is_header || line.starts_with([' ', '\t']), "{name}: stray line {line:?}");
            assert!(!line.contains('\r') && !line.contains('\n') && !line.contains('\0'));
        }
    }

    let ics = String::from_utf8(files["followup.ics"].clone()).expect("UTF-8");
    assert!(ics.ends_with("\r\n"));
    for line in ics.trim_end_matches("\r\n").split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is longer than 75 octets");
        assert!(!line.contains(['\r', '\n', '\0', '\u{7}']), "{line:?}");
        let property = line.starts_with(' ')
            || line.split_once([':', ';']).is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-')
            });
        assert!(property, "stray calendar line {line:?}");
    }
    let events = events(&ics);
    assert_eq!(events.len(), 4, "one event per step, none injected");
    for event in &events {
        assert_eq!(event.components.len(), 1, "one alarm per event");
        assert!(!prop(event, "SUMMARY").contains(['\r', '\n']));
        assert!(prop(event, "UID").ends_with("@followup.invalid"));
    }
    let begins = ics.matches("\r\nBEGIN:").count();
    assert_eq!(begins, 8, "BEGIN only for the 4 events and their 4 alarms");

    let html = String::from_utf8(files["index.html"].clone()).expect("UTF-8");
    assert!(!html.contains("\u{0}") && !html.contains("\u{7}"));
    assert!(html.contains("Northwind Analytics; Inc, \\ &quot;quoted&quot;"), "escaped");
    check_self_contained(&html, &files);
}

/// Regression (issue 11): a name in another script once put raw non-ASCII into a
/// Message-ID. Every exported message of an interview with such names keeps to ASCII
/// ids, threads its check-ins, and reads in Python without a defect.
#[test]
fn messages_for_names_in_other_scripts_have_ascii_ids_and_thread() {
    let interview = "tests/export/japanese-interviewer.toml";
    let home = ScratchDir::new("export-unicode");
    let out = home.path().join("out");
    let run = export(home.path(), interview, &out, &[]);
    assert!(run.code == 0 || run.code == 1, "{}", run.transcript());
    let plan = plan(home.path(), interview, &[]);
    let drafts = drafts(home.path(), interview, &[]);
    let files = files(&out);
    let emails = files.keys().filter(|name| name.ends_with(".eml")).count();
    assert!(emails >= 2, "the thank-you and the check-ins go by email: {:?}", files.keys());
    check_emails(interview, &files, &plan, &drafts);
    assert!(
        plan.steps.iter().any(|s| !s.id.is_ascii() && s.channel == "email"),
        "the fixture has a step id outside ASCII, which this test is about"
    );
}
