//! The mistakes a plugin written in another language makes, each made on purpose in a
//! small C plugin of `tests/c-faults` (compiled against `followup_plugin.h` by
//! `followup-test-support`), and what the host says about it (issue 16): the message
//! must say what is wrong in terms of the header, for any language, and name the
//! library file.
//!
//! Each fault is installed as the plugin for `pigeon`; messages are one line and
//! snapshotted with the scratch directory shown as `[SCRATCH]`.

mod common;

use followup_core::draft::RenderRequest;
use followup_core::export::ExportRequest;
use followup_host::{
    ExportError, LoadedPlugin, Origin, RefusalReason, RenderError, SearchPath, load_plugins,
};
use followup_test_support::{ScratchDir, c_example_plugin, c_fault_plugin};

use common::redact_paths;

/// Loads the C fault `fault` as `pigeon`: the loaded plugin, or the one refusal.
fn load(fault: &str) -> (ScratchDir, Result<LoadedPlugin, RefusalReason>) {
    let scratch = ScratchDir::new(&format!("c-{fault}"));
    scratch.install(&c_fault_plugin(fault), "pigeon");
    let mut search = SearchPath::new();
    search.push(scratch.path().to_path_buf(), Origin::CommandLine);
    let mut registry = load_plugins(&search);
    let outcome = match (registry.loaded.pop(), registry.refused.pop()) {
        (Some(plugin), None) => Ok(plugin),
        (None, Some(refusal)) => {
            let message = refusal.to_string();
            assert!(!message.contains('\n'), "a refusal is one line: {message:?}");
            insta::assert_snapshot!(format!("c_{fault}"), redact_paths(&message, &scratch));
            Err(refusal.reason)
        }
        other => panic!("expected one plugin or one refusal, got {other:#?}"),
    };
    (scratch, outcome)
}

/// The render request of the published schema's example, for `pigeon`.
fn render_request() -> RenderRequest {
    let mut request: RenderRequest =
        serde_json::from_value(followup_core::examples::render_request_example())
            .expect("the schema's example is a render request");
    request.step.channel = "pigeon".to_string();
    request.step.id = "thank-you-dana-whitfield-pigeon".to_string();
    request
}

/// The export request of the published schema's example, for `pigeon`.
fn export_request() -> ExportRequest {
    let mut request: ExportRequest =
        serde_json::from_value(followup_core::examples::export_request_example())
            .expect("the schema's example is an export request");
    request.step.channel = "pigeon".to_string();
    request.step.id = "thank-you-dana-whitfield-pigeon".to_string();
    request
}

/// Snapshots a one-line error as `c_<fault>`.
#[track_caller]
fn check_message(fault: &str, scratch: &ScratchDir, message: &str) {
    assert!(!message.contains('\n'), "one line: {message:?}");
    assert!(message.contains("libfollowup_pigeon"), "names the library file: {message}");
    insta::assert_snapshot!(format!("c_{fault}"), redact_paths(message, scratch));
}

#[test]
fn the_c_example_loads_drafts_and_exports() {
    let scratch = ScratchDir::new("c-teams");
    scratch.install(&c_example_plugin(), "teams");
    let mut search = SearchPath::new();
    search.push(scratch.path().to_path_buf(), Origin::CommandLine);
    let registry = load_plugins(&search);
    assert!(registry.refused.is_empty(), "{:#?}", registry.refused);
    let teams = registry.get("teams").expect("the Teams plugin loads");
    assert!(teams.can_draft() && teams.can_export());
    let mut request = render_request();
    request.step.channel = "teams".to_string();
    let draft = teams.render(&request).expect("Teams drafts the thank-you");
    assert!(draft.body.starts_with("Hi Dana, thank you"), "{}", draft.body);
    assert_eq!(draft.subject, None);
}

#[test]
fn an_empty_answer_says_it_was_empty() {
    let (scratch, plugin) = load("empty_answer");
    let plugin = plugin.expect("it loads");
    let error = plugin.render(&render_request()).expect_err("an empty answer is no draft");
    assert!(matches!(error, RenderError::Invalid { .. }), "{error:?}");
    assert!(error.to_string().contains("the answer is empty (0 bytes)"), "{error}");
    check_message("empty_answer", &scratch, &error.to_string());
}

#[test]
fn a_null_pointer_with_a_length_is_not_called_a_broken_table() {
    let (_scratch, outcome) = load("null_with_length");
    let reason = outcome.expect_err("refused");
    assert!(matches!(reason, RefusalReason::BadBuffer { .. }), "{reason:?}");
    assert!(!reason.to_string().contains("entry table"), "{reason}");
}

#[test]
fn a_1_2_table_too_short_for_export_is_refused_at_load() {
    let (_scratch, outcome) = load("short_1_2_table");
    let reason = outcome.expect_err("refused, never loaded as a 1.2 plugin that cannot export");
    assert!(matches!(reason, RefusalReason::BadTable { .. }), "{reason:?}");
    assert!(reason.advice().contains("followup_plugin.h"), "{}", reason.advice());
}

#[test]
fn a_render_failure_names_the_library_file() {
    let (scratch, plugin) = load("render_fails");
    let error = plugin.expect("it loads").render(&render_request()).expect_err("it fails");
    assert!(matches!(error, RenderError::Failed { .. }), "{error:?}");
    check_message("render_fails", &scratch, &error.to_string());
}

#[test]
fn a_wrong_field_in_a_draft_is_named() {
    let (scratch, plugin) = load("wrong_field");
    let error = plugin.expect("it loads").render(&render_request()).expect_err("it fails");
    assert!(error.to_string().contains("`checks[0].level`"), "{error}");
    check_message("wrong_field", &scratch, &error.to_string());
}

#[test]
fn an_export_that_escapes_its_folder_is_refused_naming_the_file() {
    let (scratch, plugin) = load("export_escapes");
    let error = plugin.expect("it loads").export(&export_request()).expect_err("refused");
    assert!(matches!(error, ExportError::BadFileName { .. }), "{error:?}");
    check_message("export_escapes", &scratch, &error.to_string());
}
