//! Drafting through loaded plugins: the real email and LinkedIn plugins, and the
//! purpose-built broken ones of `tests/fault-plugins`.
//!
//! Each failure is checked with [`check_render_error`], which asserts that the message
//! is one line and matches its snapshot. A fault is installed as the plugin for
//! `pigeon`, whose manifest carries thank-yous to interviewers, so the request below
//! fits it and only the fault itself can make drafting fail.

mod common;

use followup_core::draft::{RENDER_REQUEST_VERSION, RenderRequest};
use followup_host::{LoadedPlugin, RenderError};
use followup_test_support::ScratchDir;
use serde_json::json;

use common::{loaded_fault, real_plugin, redact_paths};

/// A thank-you to Dana Whitfield on `channel`, for `purpose`, from the interview of
/// `docs/examples/professional-email.toml` (cut down to what drafting reads).
fn request(channel: &str, purpose: &str) -> RenderRequest {
    let step = json!({
        "id": format!("{}-dana-{channel}", purpose.replace('_', "-")),
        "purpose": purpose,
        "channel": channel,
        "recipient": { "name": "Dana Whitfield", "kind": "interviewer" },
        "not_before": "2026-11-24T16:00:00-06:00",
        "send_at": "2026-11-24T16:00:00-06:00",
        "not_after": "2026-11-25T15:00:00-06:00",
        "time_zone": "America/Chicago",
        "rationale": []
    });
    let interview = json!({
        "candidate": {
            "name": "Ana Ruiz",
            "email": "ana.ruiz@example.com",
            "time_zone": "America/Chicago",
            "signature": "Ana Ruiz\n(312) 555-0143"
        },
        "employer": {
            "company": "Northwind Analytics",
            "industry": "technology",
            "culture": "standard"
        },
        "role": { "title": "Data Analyst", "kind": "professional" },
        "meeting": {
            "start": "2026-11-24T14:00:00-06:00",
            "duration_minutes": 60,
            "time_zone": "America/Chicago",
            "format": "video"
        },
        "interviewers": [{
            "name": "Dana Whitfield",
            "title": "Analytics Manager",
            "email": "dana.whitfield@northwind.example",
            "linkedin": "https://www.linkedin.com/in/dana-whitfield-example",
            "topics": ["rebuilding the churn dashboard"]
        }],
        "reinforce": { "strengths": ["cut a 40-minute reporting query to 3 minutes"] },
        "next_steps": { "decision_date": "2026-12-04" }
    });
    let step = serde_json::from_value(step).expect("the test step is a valid step");
    let interview = serde_json::from_value(interview).expect("the test interview is valid");
    RenderRequest::new(&step, &interview, Default::default())
}

/// Asks `plugin` to draft `request`, asserts that it fails with a one-line message,
/// snapshots the message as `snapshot` (paths redacted as in the refusal tests), and
/// returns the error for further checks.
#[track_caller]
fn check_render_error(
    plugin: &LoadedPlugin,
    request: &RenderRequest,
    scratch: &ScratchDir,
    snapshot: &str,
) -> RenderError {
    let error = match plugin.render(request) {
        Ok(draft) => panic!("expected `{}` to fail, got {draft:#?}", plugin.id()),
        Err(error) => error,
    };
    let message = error.to_string();
    assert!(!message.contains('\n'), "a render error is one line: {message:?}");
    insta::assert_snapshot!(snapshot, redact_paths(&message, scratch));
    error
}

#[test]
fn email_drafts_a_thank_you() {
    let email = real_plugin("email");
    assert!(email.can_draft());
    let draft = email.render(&request("email", "thank_you")).expect("email drafts a thank-you");

    let subject = draft.subject.expect("an email has a subject");
    assert!(!subject.trim().is_empty(), "empty subject");
    assert!(!draft.body.trim().is_empty(), "empty body");
    assert!(draft.body.contains("Dana"), "the body does not greet Dana:\n{}", draft.body);
    assert!(!draft.checks.is_empty(), "the draft was not checked");
}

#[test]
fn linkedin_refuses_a_purpose_it_does_not_carry() {
    let scratch = ScratchDir::new("linkedin_thank_you");
    let linkedin = real_plugin("linkedin");
    let error = check_render_error(
        &linkedin,
        &request("linkedin", "thank_you"),
        &scratch,
        "linkedin_thank_you",
    );
    assert!(matches!(error, RenderError::Failed { .. }));
}

#[test]
fn request_newer_than_the_plugin_is_refused() {
    let scratch = ScratchDir::new("newer_request");
    let email = real_plugin("email");
    let mut request = request("email", "thank_you");
    request.request_version = RENDER_REQUEST_VERSION + 1;
    let error = check_render_error(&email, &request, &scratch, "newer_request");
    assert!(matches!(error, RenderError::Failed { .. }));
    assert!(error.to_string().contains("newer"), "{error}");
}

#[test]
fn abi_1_0_plugin_loads_but_cannot_draft() {
    let (scratch, plugin) = loaded_fault("old_abi");
    assert_eq!(plugin.abi_version, followup_plugin::abi::abi_version(1, 0));
    assert!(!plugin.can_draft());
    let error = check_render_error(&plugin, &request("pigeon", "thank_you"), &scratch, "old_abi");
    assert!(matches!(error, RenderError::NotSupported { .. }));
}

#[test]
fn caught_panic_in_render_is_reported() {
    let (scratch, plugin) = loaded_fault("render_panics");
    assert!(plugin.can_draft());
    let request = request("pigeon", "thank_you");
    let error = check_render_error(&plugin, &request, &scratch, "render_panics");
    assert!(matches!(error, RenderError::Panicked { .. }));
}

#[test]
fn render_error_is_reported() {
    let (scratch, plugin) = loaded_fault("render_error");
    let request = request("pigeon", "thank_you");
    let error = check_render_error(&plugin, &request, &scratch, "render_error");
    assert!(matches!(error, RenderError::Failed { .. }));
}

#[test]
fn render_answer_that_is_not_a_draft_is_refused() {
    let (scratch, plugin) = loaded_fault("render_not_json");
    let request = request("pigeon", "thank_you");
    let error = check_render_error(&plugin, &request, &scratch, "render_not_json");
    assert!(matches!(error, RenderError::Invalid { .. }));
}

/// Issue 9: a template that fails in a plugin reaches the host as data (its name and
/// line), and the message people read stays the plugin's text.
#[test]
fn a_failed_style_template_arrives_with_its_name_and_line() {
    let email = real_plugin("email");
    let mut request = request("email", "thank_you");
    request.style.templates.insert("thank_you".to_string(), "Hello\n{{ nope }}".to_string());
    let error = email.render(&request).expect_err("an undefined variable fails");
    let failed = error.template_failure().expect("the plugin says which template failed");
    assert_eq!(failed.name, "thank_you");
    assert_eq!(failed.line, Some(2));
    assert!(failed.message.contains("nope"), "{}", failed.message);
    let text = error.to_string();
    assert!(text.contains("template `thank_you`, line 2"), "{text}");
    assert!(!text.contains('{'), "the JSON answer is not shown: {text}");
}

/// A plugin built before structured failures answers plain text: it is shown as the
/// message, with no template.
#[test]
fn an_older_plugins_error_text_is_still_its_message() {
    let (_scratch, plugin) = loaded_fault("render_error");
    let error = plugin.render(&request("pigeon", "thank_you")).expect_err("it fails");
    assert!(error.template_failure().is_none());
    let RenderError::Failed { message, .. } = &error else { panic!("not a failure: {error}") };
    assert!(!message.is_empty());
}
