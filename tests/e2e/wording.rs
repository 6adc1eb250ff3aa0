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
    interview.employer.address = Some(vec![
        "Northwind Analytics".into(),
        "200 Wacker Drive".into(),
        "Chicago, IL 60606".into(),
    ]);
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
    validate(interview)
        .unwrap_or_else(|invalid| panic!("row `{}`: {:?}", row.name, invalid.problems))
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
    let send_at =
        interview.end.saturating_add(SignedDuration::from_hours(hours)).expect("in range");
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
    let people: Vec<&str> =
        interview.interview.interviewers.iter().map(|p| p.name.as_str()).collect();
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
    draft_step(interview, step, style)
        .unwrap_or_else(|err| panic!("{} does not draft: {err}", step.id))
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
        if [
            "( )",
            "()",
            "with  ",
            "about .",
            "about ,",
            " at .",
            ",,",
            "..",
            ". .",
            "about we ",
            "about I ",
        ]
        .iter()
        .any(|p| line.contains(p))
        {
            found.push(at("empty placeholder"));
        }
        if line.ends_with(" about") || line.ends_with(" with") || line.ends_with(" and") {
            found.push(at("sentence cut short"));
        }
    }
    if body.contains("\n\n\n") {
        found.push("an empty paragraph".to_string());
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

/// Every phrasing of the table, by field, for generated interviews.
struct Phrasings {
    strengths: Vec<String>,
    clarify: Vec<String>,
    motivations: Vec<String>,
    topics: Vec<String>,
}

fn phrasings() -> &'static Phrasings {
    static PHRASINGS: std::sync::OnceLock<Phrasings> = std::sync::OnceLock::new();
    PHRASINGS.get_or_init(|| {
        let rows = table().row;
        let collect = |pick: &dyn Fn(&Row) -> Option<Vec<String>>| -> Vec<String> {
            let all: BTreeSet<String> = rows.iter().filter_map(pick).flatten().collect();
            all.into_iter().collect()
        };
        Phrasings {
            strengths: collect(&|r| r.strengths.clone()),
            clarify: collect(&|r| r.clarify.clone()),
            motivations: collect(&|r| r.motivation.clone().map(|m| vec![m])),
            topics: collect(&|r| r.topics.clone()),
        }
    })
}

/// `count` of `pool`, starting at `from` (wrapping), so that generated interviews mix
/// the table's phrasings.
fn some_of(pool: &[String], from: prop::sample::Index, count: usize) -> Vec<String> {
    let start = from.index(pool.len());
    (0..count.min(pool.len())).map(|i| pool[(start + i) % pool.len()].clone()).collect()
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every draft of every planned step of a generated interview, with strengths,
    /// points, motivations and topics written as in the table: no doubled space, no
    /// space before punctuation, no `;` the input did not have, no empty placeholder,
    /// no template syntax, and no two drafts of one plan with the same body.
    #[test]
    fn drafts_of_generated_interviews_read_cleanly(
        mut interview in crate::properties::interviews(),
        strengths in (any::<prop::sample::Index>(), 0usize..4),
        clarify in (any::<prop::sample::Index>(), 0usize..3),
        motivation in prop::option::of(any::<prop::sample::Index>()),
        topics in prop::collection::vec((any::<prop::sample::Index>(), 0usize..3), 3),
    ) {
        let pool = phrasings();
        interview.reinforce.strengths = some_of(&pool.strengths, strengths.0, strengths.1);
        interview.reinforce.clarify = some_of(&pool.clarify, clarify.0, clarify.1);
        interview.reinforce.motivation = motivation
            .map(|at| at.get(&pool.motivations).clone())
            .filter(|m| !m.is_empty());
        // The generator names everyone "Person N"; people on a panel rarely share a
        // first name, and through a recruiter a text names only the first name.
        let names = ["Dana Whitfield", "Tomás Álvarez", "Grace Kim"];
        for ((person, (from, count)), name) in interview.interviewers.iter_mut().zip(&topics).zip(names) {
            person.name = name.to_string();
            person.topics = some_of(&pool.topics, *from, *count);
        }
        // The generator's title is "Role", which "the Role role" would flag as a doubled word.
        interview.role.title = "Data Analyst".to_string();
        let semicolon = has_semicolon(&interview);
        let valid = validate(interview).expect("generated interviews are valid");
        let plan = plan_with_defaults(&valid);
        let mut bodies: Vec<(String, String)> = Vec::new();
        for step in &plan.steps {
            let draft = draft_step(&valid, step, &DraftStyle::default())
                .map_err(|err| TestCaseError::fail(format!("{} does not draft: {err}", step.id)))?;
            let found = faults(&draft.body, semicolon);
            prop_assert!(found.is_empty(), "{}:\n{}\n{}", step.id, found.join("\n"), draft.body);
            if let Some((other, _)) = bodies.iter().find(|(_, body)| *body == draft.body) {
                prop_assert!(false, "{} has the same body as {other}:\n{}", step.id, draft.body);
            }
            bodies.push((step.id.clone(), draft.body));
        }
    }
}

/// The panel example drafted as a user drafts it: every message passes `variety`.
#[test]
fn variety_passes_on_every_draft_of_a_three_person_panel() {
    let run = run_followup(
        &[
            "draft",
            "docs/examples/panel.toml",
            "--format",
            "json",
            "--now",
            "2026-12-02T16:00:00-07:00",
        ],
        &Invocation::default(),
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let drafts = json_drafts(&run.stdout);
    let people: BTreeSet<&str> =
        drafts.iter().filter_map(|d| d["recipient"]["name"].as_str()).collect();
    assert_eq!(people.len(), 3, "three people get messages: {people:?}");
    for draft in &drafts {
        let variety = check(draft, "variety");
        assert_eq!(variety["level"], "pass", "{}: {variety}", draft["step_id"]);
    }
}

/// Two interviewers named Sam, thanked by text: each text names its reader in full, so
/// no two messages of the plan have the same body.
#[test]
fn two_interviewers_with_one_first_name_get_texts_of_their_own() {
    let run = run_followup(
        &[
            "draft",
            "tests/plans/two-sams-by-text.toml",
            "--format",
            "json",
            "--now",
            "2026-11-30T12:00:00-05:00",
        ],
        &Invocation::default(),
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let drafts = json_drafts(&run.stdout);
    let bodies: BTreeSet<&str> = drafts.iter().filter_map(|d| d["body"].as_str()).collect();
    assert_eq!(bodies.len(), drafts.len(), "every body differs: {bodies:#?}");
    assert!(bodies.iter().any(|b| b.starts_with("Hi Sam Ortiz,")), "{bodies:#?}");
    assert!(bodies.iter().any(|b| b.starts_with("Hi Sam Patel,")), "{bodies:#?}");
}

/// A style pack whose email thank-you is one fixed text makes the panel's thank-yous
/// alike, and `variety` says so, naming the other message's step.
#[test]
fn variety_warns_when_a_style_gives_everyone_the_same_thank_you() {
    let home = followup_test_support::ScratchDir::new("wording-variety");
    let pack = home.path().join("fixed");
    std::fs::create_dir_all(pack.join("templates/email")).expect("pack folder");
    std::fs::write(pack.join("style.toml"), "name = \"One text for all\"\n").expect("style");
    std::fs::write(
        pack.join("templates/email/thank_you.tera"),
        "Hello,\n\nThank you for the interview today. I enjoyed learning about the team and the role. \
         I am very interested in the position and hope to hear from you soon.\n\nBest,\nSam\n",
    )
    .expect("template");
    let pack_arg = pack.display().to_string();
    let run = run_followup(
        &["draft", "docs/examples/panel.toml", "--style", &pack_arg, "--format", "json"],
        &Invocation { home: Some(home.path()), ..Invocation::default() },
    );
    let drafts = json_drafts(&run.stdout);
    let thanks: Vec<&serde_json::Value> =
        drafts.iter().filter(|d| d["purpose"] == "thank_you" && d["channel"] == "email").collect();
    assert_eq!(thanks.len(), 3, "{}", run.transcript());
    for draft in &thanks {
        let variety = check(draft, "variety");
        assert_eq!(variety["level"], "warn", "{}: {variety}", draft["step_id"]);
        let message = variety["message"].as_str().unwrap_or_default();
        let others: Vec<&str> = thanks
            .iter()
            .filter(|other| other["step_id"] != draft["step_id"])
            .filter_map(|other| other["step_id"].as_str())
            .collect();
        assert!(
            others.iter().any(|id| message.contains(&format!("step `{id}`"))),
            "{}: `{message}` names none of {others:?}",
            draft["step_id"]
        );
    }
}

fn json_drafts(stdout: &str) -> Vec<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(stdout)
        .unwrap_or_else(|err| panic!("draft --format json prints JSON ({err}):\n{stdout}"));
    let drafts = value.get("drafts").unwrap_or(&value);
    drafts.as_array().cloned().unwrap_or_else(|| panic!("a list of drafts:\n{stdout}"))
}

fn check<'a>(draft: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    draft["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|c| c["name"] == name))
        .unwrap_or_else(|| panic!("{} has no `{name}` check: {draft}", draft["step_id"]))
}

/// A text thanking "Łukasz Nowak" must be sent as UCS-2 (Ł is outside GSM-7, 67 units
/// a segment when split): it may take two segments, names the sender, keeps the topic
/// whenever it fits, and the segments it reports are what the SMS plugin's own
/// segmentation counts for its body.
#[test]
fn a_name_outside_gsm_7_fits_two_segments_and_keeps_the_topic_when_it_fits() {
    let text = |topics: Option<Vec<String>>| {
        let mut interview = read_interview(&workspace_root().join("docs/examples/shift-text.toml"));
        interview.interviewers[0].name = "Łukasz Nowak".into();
        interview.established_channels[0].who = Some("Łukasz Nowak".into());
        if let Some(topics) = topics {
            interview.interviewers[0].topics = topics;
        }
        let interview = validate(interview).expect("valid");
        let plan = plan_with_defaults(&interview);
        let step = plan
            .steps
            .iter()
            .find(|s| s.purpose == Purpose::ThankYou && s.channel == "sms")
            .expect("the thank-you goes by text");
        drafted(&interview, step, &DraftStyle::default())
    };
    let level = |draft: &Draft, name: &str| {
        draft
            .checks
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.level)
            .unwrap_or_else(|| panic!("no `{name}` check on {}", draft.body))
    };
    // The example's topic ("covering the weekend night shift") does not fit two UCS-2
    // segments beside the role and the company in any wording, so the short text is
    // sent: two segments at most, never a third.
    let example = text(None);
    let short = text(Some(vec!["night shifts".into()]));
    for draft in [&example, &short] {
        assert!(draft.body.starts_with("Hi Łukasz, it's Jordan Lee."), "{}", draft.body);
        assert_eq!(level(draft, "segments"), CheckLevel::Pass, "{}", draft.body);
        assert_eq!(level(draft, "names_sender"), CheckLevel::Pass, "{}", draft.body);
        assert_ne!(level(draft, "personalisation"), CheckLevel::Fail, "{}", draft.body);
        let counted = followup_sms::segments::segment(&draft.body);
        assert_eq!(counted.encoding, followup_sms::segments::Encoding::Ucs2);
        assert!(counted.segments <= 2, "{} segments: {}", counted.segments, draft.body);
        assert_eq!(draft.meta["encoding"], "ucs-2");
        assert_eq!(draft.meta["segments"], counted.segments);
        assert_eq!(draft.meta["units"], counted.units);
    }
    // A topic that fits is kept, in two segments, and personalisation passes.
    assert!(short.body.contains("night shifts"), "the topic is kept: {}", short.body);
    assert_eq!(followup_sms::segments::segment(&short.body).segments, 2, "{}", short.body);
    assert_eq!(level(&short, "personalisation"), CheckLevel::Pass, "{}", short.body);
}

fn executive_letter(motivation: Option<&str>) -> (ValidInterview, Step) {
    let mut interview =
        read_interview(&workspace_root().join("docs/examples/executive-letter.toml"));
    interview.reinforce.motivation = motivation.map(str::to_string);
    let interview = validate(interview).expect("valid");
    let plan = plan_with_defaults(&interview);
    let step = plan.steps.iter().find(|s| s.channel == "letter").expect("a letter").clone();
    (interview, step)
}

fn style(toml_text: &str, channel: &str) -> DraftStyle {
    let style: followup_core::style::Style = toml::from_str(toml_text).expect("a style");
    style.draft_style(channel, Default::default())
}

/// A style's `spelling` reaches the built-in letter: "honoured" in en-GB, "honored" in
/// the default en-US.
#[test]
fn letter_spelling_follows_the_style() {
    let (interview, step) = executive_letter(None);
    let british = drafted(&interview, &step, &style("spelling = \"en-GB\"", "letter"));
    assert!(british.body.contains("honoured"), "{}", british.body);
    assert!(!british.body.contains("honored"), "{}", british.body);
    let american = drafted(&interview, &step, &DraftStyle::default());
    assert!(american.body.contains("honored"), "{}", american.body);
    assert!(!american.body.contains("honoured"), "{}", american.body);
}

/// Honorifics and preferred names: a formal letter opens "Dear Dr. <family name>", and
/// an email greets a person by the name they go by.
#[test]
fn honorifics_open_letters_and_preferred_names_greet_in_emails() {
    let mut interview =
        read_interview(&workspace_root().join("docs/examples/executive-letter.toml"));
    interview.interviewers[0].honorific = Some("Dr.".into());
    let interview = validate(interview).expect("valid");
    let plan = plan_with_defaults(&interview);
    let letter = plan.steps.iter().find(|s| s.channel == "letter").expect("a letter");
    let draft = drafted(&interview, letter, &DraftStyle::default());
    assert!(draft.body.contains("\nDear Dr. Goldberg,\n"), "{}", draft.body);

    let mut interview =
        read_interview(&workspace_root().join("docs/examples/professional-email.toml"));
    interview.interviewers[0].preferred_name = Some("Dee".into());
    let interview = validate(interview).expect("valid");
    let plan = plan_with_defaults(&interview);
    let emails: Vec<&Step> = plan.steps.iter().filter(|s| s.channel == "email").collect();
    assert!(!emails.is_empty(), "the example plans emails");
    for step in emails {
        let draft = drafted(&interview, step, &DraftStyle::default());
        let greeting = draft.body.lines().next().unwrap_or_default();
        assert_eq!(greeting, "Dear Dee,", "{} greets by the preferred name", step.id);
    }
}
