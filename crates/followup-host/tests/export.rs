//! Exporting through loaded plugins: the real email plugin, plugins built before
//! exporting existed (ABI 1.0 and 1.1), and a plugin that names a file unsafely.
//!
//! Each failure is one line and matches its snapshot, with paths redacted as in the
//! refusal tests.

mod common;

use followup_core::draft::{Draft, RenderedDraft};
use followup_core::export::{ExportRequest, Paper};
use followup_host::{ExportError, LoadedPlugin};
use followup_test_support::ScratchDir;
use serde_json::json;

use common::{loaded_fault, real_plugin, redact_paths};

/// A drafted thank-you to Dana Whitfield on `channel`, ready to export.
fn request(channel: &str) -> ExportRequest {
    let step: followup_core::plan::Step = serde_json::from_value(json!({
        "id": format!("thank-you-dana-whitfield-{channel}"),
        "purpose": "thank_you",
        "channel": channel,
        "recipient": { "name": "Dana Whitfield", "kind": "interviewer" },
        "not_before": "2026-11-24T16:00:00-06:00",
        "send_at": "2026-11-24T16:00:00-06:00",
        "not_after": "2026-11-25T15:00:00-06:00",
        "time_zone": "America/Chicago",
        "rationale": []
    }))
    .expect("the test step is a valid step");
    let interview = serde_json::from_value(json!({
        "candidate": { "name": "Ana Ruiz", "email": "ana.ruiz@example.com" },
        "employer": { "company": "Northwind Analytics" },
        "role": { "title": "Data Analyst", "kind": "professional" },
        "meeting": {
            "start": "2026-11-24T14:00:00-06:00",
            "duration_minutes": 60,
            "time_zone": "America/Chicago"
        },
        "interviewers": [{ "name": "Dana Whitfield", "email": "dana@northwind.example" }]
    }))
    .expect("the test interview is valid");
    let rendered = RenderedDraft {
        subject: Some("Thank you".to_string()),
        body: "Dear Dana,\n\nThank you.\n\nAna".to_string(),
        checks: Vec::new(),
        meta: Default::default(),
    };
    ExportRequest::new(
        Draft::new(&step, rendered),
        step,
        interview,
        Default::default(),
        Paper::Letter,
    )
}

/// Asks `plugin` to export `request`, asserts a one-line failure and snapshots it.
#[track_caller]
fn check_export_error(
    plugin: &LoadedPlugin,
    request: &ExportRequest,
    scratch: &ScratchDir,
    snapshot: &str,
) -> ExportError {
    let error = match plugin.export(request) {
        Ok(files) => panic!("expected `{}` to fail, got {files:#?}", plugin.id()),
        Err(error) => error,
    };
    let message = error.to_string();
    assert!(!message.contains('\n'), "an export error is one line: {message:?}");
    insta::assert_snapshot!(snapshot, redact_paths(&message, scratch));
    error
}

#[test]
fn email_exports_one_eml_named_after_the_step() {
    let email = real_plugin("email");
    assert!(email.can_export());
    let files = email.export(&request("email")).expect("email exports");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "thank-you-dana-whitfield-email.eml");
    assert_eq!(files[0].media_type, "message/rfc822");
    let text = String::from_utf8(files[0].content.clone()).expect("an .eml is text");
    assert!(text.contains("\r\nX-Unsent: 1\r\n"), "{text}");
}

#[test]
fn abi_1_1_plugin_drafts_but_cannot_export() {
    let (scratch, plugin) = loaded_fault("render_error");
    assert_eq!(plugin.abi_version, followup_plugin::abi::abi_version(1, 1));
    assert!(plugin.can_draft());
    assert!(!plugin.can_export());
    let error = check_export_error(&plugin, &request("pigeon"), &scratch, "abi_1_1");
    assert!(matches!(error, ExportError::NotSupported { .. }));
}

#[test]
fn abi_1_0_plugin_cannot_export() {
    let (scratch, plugin) = loaded_fault("old_abi");
    assert!(!plugin.can_export());
    let error = check_export_error(&plugin, &request("pigeon"), &scratch, "abi_1_0");
    assert!(matches!(error, ExportError::NotSupported { .. }));
}

#[test]
fn file_name_with_a_folder_is_refused() {
    let (scratch, plugin) = loaded_fault("export_bad_name");
    assert!(plugin.can_export());
    let error = check_export_error(&plugin, &request("pigeon"), &scratch, "bad_name");
    assert!(matches!(error, ExportError::BadFileName { .. }));
    assert!(error.to_string().contains("`pigeon` plugin"), "the error names the plugin");
}
