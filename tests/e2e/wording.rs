//! Drafts a person would write (issue 12): whatever shape the candidate typed a
//! strength, a motivation, a topic or a point in, the sentence around it is English, in
//! every channel and purpose the bundled plugins carry.
//!
//! The inputs are a table, `tests/wording/inputs.toml`, of the ways people write them;
//! each row is applied onto one base interview and drafted by every channel and purpose,
//! one snapshot of the bodies per row beside the table. Properties check the same
//! phrasings on generated interviews; the `variety` check, the two-segment text for a
//! name outside GSM-7 and the spelling and forms of address have their own tests.

use std::collections::BTreeSet;

use followup_core::draft::{CheckLevel, Draft, DraftStyle};
use followup_core::interview::{Interview, Interviewer, OutreachPolicy, Recruiter, Staffing};
use followup_core::plan::{Purpose, Recipient, RecipientKind, Step, step_id};
use followup_core::validate::{ValidInterview, validate};
use followup_tests::{
    Invocation, draft_step, plan_with_defaults, read_interview, run_followup, workspace_root,
};
use jiff::SignedDuration;
use serde::Deserialize;

/// One row of `tests/wording/inputs.toml`: a name and the fields it varies.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    name: String,
    strengths: Option<Vec<String>>,
    clarify: Option<Vec<String>>,
    /// An empty string means no motivation.
    motivation: Option<String>,
    /// The lead interviewer's topics.
    topics: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    row: Vec<Row>,
}

fn table() -> Table {
    let path = workspace_root().join("tests/wording/inputs.toml");
    let text = std::fs::read_to_string(&path).expect("the wording table is readable");
    toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

const RECRUITER: &str = "Rae Cruz";

/// The professional-email example with two more interviewers (a panel, for the
/// per-person wording), a recruiter (for debriefs), phones (for texts) and addresses
/// (for the letter).
fn base() -> Interview {
    let mut interview =
        read_interview(&workspace_root().join("docs/examples/professional-email.toml"));
    interview.candidate.address = Some(vec!["1 Lake Street".into(), "Chicago, IL 60601".into()]);
    interview.employer.address =
        Some(vec!["Northwind Analytics".into(), "200 Wacker Drive".into(), "Chicago, IL 60606".into()]);
    let lead = &mut interview.interviewers[0];
    lead.lead = true;
    lead.phone = Some("+13125550101".into());
    interview.interviewers.push(Interviewer {
        name: "Tomás Álvarez".into(),
        title: Some("Staff Engineer".into()),
        email: Some("tomas.alvarez@northwind.example".into()),
        topics: vec!["the event-sourcing migration".into()],
        ..Interviewer::default()
    });
    interview.interviewers.push(Interviewer {
        name: "Grace Kim".into(),
        title: Some("Product Manager".into()),
        email: Some("grace.kim@northwind.example".into()),
        topics: vec!["how analysts join customer interviews".into()],
        ..Interviewer::default()
    });
    interview.staffing = Some(Staffing {
        firm: "Staffing Network".into(),
        recruiter: Recruiter {
            name: RECRUITER.into(),
            email: Some("rae@staffing.example".into()),
            phone: Some("+13125550999".into()),
            ..Recruiter::default()
        },
        outreach: OutreachPolicy::Direct,
    });
    interview
}

fn apply(row: &Row, mut interview: Interview) -> ValidInterview {
    if let Some(strengths) = &row.strengths {
        interview.reinforce.strengths = strengths.clone();
    }
    if let Some(clarify) = &row.clarify {
        interview.reinforce.clarify = clarify.clone();
    }
    if let Some(motivation) = &row.motivation {
        interview.reinforce.motivation = Some(motivation.clone()).filter(|m| !m.is_empty());
    }
    if let Some(topics) = &row.topics {
        interview.interviewers[0].topics = topics.clone();
    }
    validate(interview).unwrap_or_else(|invalid| panic!("row `{}`: {:?}", row.name, invalid.problems))
}

/// A step to `recipient` as the rules engine would write it, `hours` after the
/// interview's end (the channel is forced: the engine would pick email for most).
fn step(
    interview: &ValidInterview,
    purpose: Purpose,
    sequence: Option<u32>,
    channel: &str,
    recipient: Recipient,
    hours: i64,
) -> Step {
    let send_at = interview.end.saturating_add(SignedDuration::from_hours(hours)).expect("in range");
    Step {
        id: step_id(purpose, sequence, recipient.about(), channel),
        purpose,
        sequence,
        channel: channel.to_string(),
        recipient,
        time_zone: jiff::tz::TimeZone::get("America/Chicago").expect("bundled zone"),
        not_before: send_at,
        send_at,
        not_after: send_at.saturating_add(SignedDuration::from_hours(24)).expect("in range"),
        arrives_by: None,
        rationale: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Every channel and purpose the bundled plugins carry: thank-yous by email to each of
/// the panel, and every other message to the lead (or the recruiter).
fn every_step(interview: &ValidInterview) -> Vec<Step> {
    let people: Vec<&str> = interview.interview.interviewers.iter().map(|p| p.name.as_str()).collect();
    let lead = || Recipient::direct(people[0], RecipientKind::Interviewer);
    let recruiter = || Recipient::direct(RECRUITER, RecipientKind::Recruiter);
    let mut steps: Vec<Step> = people
        .iter()
        .map(|name| {
            let to = Recipient::direct(name, RecipientKind::Interviewer);
            step(interview, Purpose::ThankYou, None, "email", to, 2)
        })
        .collect();
    steps.extend([
        step(interview, Purpose::CheckIn, Some(1), "email", lead(), 24 * 12),
        step(interview, Purpose::CheckIn, Some(2), "email", lead(), 24 * 19),
        step(interview, Purpose::Debrief, None, "email", recruiter(), 1),
        step(interview, Purpose::ClosingTheLoop, None, "email", lead(), 24 * 28),
        step(interview, Purpose::ThankYou, None, "sms", lead(), 2),
        step(interview, Purpose::CheckIn, Some(1), "sms", lead(), 24 * 12),
        step(interview, Purpose::Debrief, None, "sms", recruiter(), 1),
        step(interview, Purpose::ConnectionRequest, None, "linkedin", lead(), 3),
        step(interview, Purpose::ThankYou, None, "letter", lead(), 2),
    ]);
    steps
}

fn drafted(interview: &ValidInterview, step: &Step, style: &DraftStyle) -> Draft {
    draft_step(interview, step, style).unwrap_or_else(|err| panic!("{} does not draft: {err}", step.id))
}

/// What reads badly whatever the input: returns each fault found in `body`.
fn faults(body: &str, input_has_semicolon: bool) -> Vec<String> {
    let mut found = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let at = |what: &str| format!("line {}: {what}: {line:?}", i + 1);
        if line.trim_end() != line {
            found.push(at("trailing space"));
        }
        if line.starts_with(' ') {
            found.push(at("leading space"));
        }
        if line.contains("  ") {
            found.push(at("doubled space"));
        }
        if [" .", " ,", " ;", " :", " !", " ?", "?.", "!.", "?,"].iter().any(|p| line.contains(p)) {
            found.push(at("space before punctuation"));
        }
        if ["( )", "()", "with  ", "about .", "about ,", " at .", ",,", "..", ". .", "about we ", "about I "]
            .iter()
            .any(|p| line.contains(p))
        {
            found.push(at("empty placeholder"));
        }
        if line.ends_with(" about") || line.ends_with(" with") || line.ends_with(" and") {
            found.push(at("sentence cut short"));
        }
    }
    if !input_has_semicolon && body.contains(';') {
        found.push("a `;` the input did not have".to_string());
    }
    if body.contains("{{") || body.contains("{%") {
        found.push("template syntax left over".to_string());
    }
    let lower = body.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for pair in words.windows(2) {
        if pair[0] == pair[1] && pair[0].chars().all(char::is_alphabetic) && pair[0] != "that" {
            found.push(format!("doubled word `{}`", pair[0]));
        }
    }
    found
}

fn has_semicolon(interview: &Interview) -> bool {
    let r = &interview.reinforce;
    r.strengths
        .iter()
        .chain(&r.clarify)
        .chain(&r.motivation)
        .chain(interview.interviewers.iter().flat_map(|p| &p.topics))
        .any(|text| text.contains(';'))
}

/// Every row of the table, drafted by every channel and purpose: the bodies read as a
/// person wrote them (one snapshot per row, read and approved), and none has the faults
/// a reader notices first.
#[test]
fn wording_table_reads_as_written_by_a_person() {
    let rows = table().row;
    assert!(rows.len() >= 30, "the table has {} rows", rows.len());
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../wording/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    let mut problems = Vec::new();
    for row in &rows {
        let interview = apply(row, base());
        let semicolon = has_semicolon(&interview.interview);
        let mut text = String::new();
        for step in every_step(&interview) {
            let draft = drafted(&interview, &step, &DraftStyle::default());
            text.push_str(&format!("== {} to {}\n", step.id, draft.recipient.name));
            if let Some(subject) = &draft.subject {
                text.push_str(&format!("Subject: {subject}\n"));
            }
            text.push_str(&draft.body);
            text.push_str("\n\n");
            for fault in faults(&draft.body, semicolon) {
                problems.push(format!("{} / {}: {fault}", row.name, step.id));
            }
        }
        insta::assert_snapshot!(format!("wording@{}", row.name), text);
    }
    assert!(problems.is_empty(), "drafts that read badly:\n{}", problems.join("\n"));
}
