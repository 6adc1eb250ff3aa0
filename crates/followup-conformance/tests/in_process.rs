//! Faults caught in process by `check_channel`, the way a plugin author meets them in
//! `cargo test`: each purpose-built channel breaks one rule.

use std::sync::atomic::{AtomicU32, Ordering};

use followup_conformance::{Report, Status, check_channel, sample_request};
use followup_plugin::{
    Channel, ChannelManifest, Check, Purpose, RenderFailure, RenderRequest, RenderedDraft,
};

/// A minimal valid manifest for the channel `pigeon`, with `limits` as given.
fn manifest(limits: serde_json::Value) -> ChannelManifest {
    serde_json::from_value(serde_json::json!({
        "manifest_version": 1, "id": "pigeon", "name": "Pigeon", "version": "0.1.0",
        "description": "A bird that carries a note.",
        "selection": {"mode": "primary", "priority": 5},
        "fits": {"role_kinds": ["shift"]},
        "recipients": ["interviewer"], "purposes": ["thank_you"], "limits": limits
    }))
    .expect("test manifest")
}

/// A draft whose `length` check says whether it fits the 200 characters the manifest
/// declares.
fn draft(body: String) -> RenderedDraft {
    let length = if body.chars().count() > 200 {
        Check::fail("length", "over 200 characters")
    } else {
        Check::pass("length", "fits")
    };
    RenderedDraft { subject: None, body, checks: vec![length], meta: Default::default() }
}

/// What breaks: the channel's behaviour.
enum Fault {
    None,
    Panics,
    Counts(AtomicU32),
    TooLong,
    EvaluatesTemplates,
}

struct Pigeon(Fault);

impl Channel for Pigeon {
    fn manifest(&self) -> ChannelManifest {
        manifest(serde_json::json!({"body_chars": 200}))
    }

    fn render(&self, request: &RenderRequest) -> Result<RenderedDraft, RenderFailure> {
        let name = &request.step.recipient.name;
        let company = &request.interview.employer.company;
        let body = format!("Thank you, {name}, for the interview at {company}.");
        match &self.0 {
            Fault::None => Ok(draft(body)),
            Fault::Panics if name.len() > 1000 => panic!("the name does not fit on the leg"),
            Fault::Panics => Ok(draft(body)),
            Fault::Counts(n) => {
                Ok(draft(format!("{body} ({})", n.fetch_add(1, Ordering::Relaxed))))
            }
            // Too long, and its check claims it fits.
            Fault::TooLong => Ok(RenderedDraft {
                checks: vec![Check::pass("length", "fits")],
                ..draft(body.repeat(10))
            }),
            // As a channel that pastes user text into template source would.
            Fault::EvaluatesTemplates => Ok(draft(body.replace("{{ 6 * 7 }}", "42"))),
        }
    }
}

#[track_caller]
fn fails(fault: Fault, row: &str) -> Report {
    let report = check_channel(&Pigeon(fault));
    assert!(!report.passed(), "{report}");
    let found = report.row(row).unwrap_or_else(|| panic!("no `{row}` row in {report}"));
    assert_eq!(found.status, Status::Fail, "{report}");
    report
}

#[test]
fn a_well_behaved_channel_passes() {
    let report = check_channel(&Pigeon(Fault::None));
    assert!(report.passed(), "{report}");
    assert_eq!(report.target, "channel `pigeon` called in this process");
}

#[test]
fn a_panic_on_hostile_input_is_caught() {
    let report = fails(Fault::Panics, "hostile.long");
    assert_eq!(report.row("no_panic").map(|r| r.status), Some(Status::Fail));
    assert_eq!(report.row("render.thank_you").map(|r| r.status), Some(Status::Pass));
}

#[test]
fn different_answers_to_one_request_are_caught() {
    fails(Fault::Counts(AtomicU32::new(0)), "deterministic");
}

#[test]
fn a_draft_over_a_hard_limit_is_caught() {
    fails(Fault::TooLong, "limits");
}

#[test]
fn evaluated_template_syntax_is_caught() {
    let report = fails(Fault::EvaluatesTemplates, "hostile.template");
    let row = report.row("hostile.template").expect("row");
    assert!(
        row.notes.iter().any(|n| n.contains("`Acme {{ 6 * 7 }} Works` does not appear as written")),
        "{report}"
    );
}

#[test]
fn sample_requests_are_ready_for_unit_tests() {
    let request = sample_request("pigeon", Purpose::Debrief);
    assert_eq!(request.step.recipient.name, "Priya Natarajan");
    let draft = Pigeon(Fault::None).render(&request).expect("drafts");
    assert!(draft.body.contains("Whitmore & Hale"), "{}", draft.body);
}
