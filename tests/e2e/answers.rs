//! The published answer schemas (`render-answer.schema.json`, `export-answer.schema.json`)
//! against what the plugins really answer (issue 16).
//!
//! An author in another language writes to these schemas, so they must accept every
//! answer of the plugins followup ships, and of the C example. The answers are read
//! here as raw bytes, straight from each library's entry table through `libloading`,
//! not through the host (which would parse them with the very types the schemas come
//! from), and checked with `boon`, a JSON Schema implementation independent of ours.

use std::path::Path;

use followup_core::draft::{Draft, RenderRequest, RenderedDraft};
use followup_core::export::{ExportRequest, Paper};
use followup_core::plan::{Purpose, Step};
use followup_plugin::abi::{Buffer, ENTRY_SYMBOL_V1, PluginTable, STATUS_OK};
use followup_test_support::{c_example_plugin, workspace_plugin};
use followup_tests::{plan_with_defaults, valid_interview, workspace_root};
use serde_json::Value;

use crate::validate::Independent;

/// A library's entry table, from the library opened (and kept open) here.
fn table(path: &Path) -> &'static PluginTable {
    // SAFETY: the libraries are followup's own plugins and its C example, built by the
    // tests; opening them runs their initialisers, as the host does.
    let library = Box::leak(Box::new(unsafe { libloading::Library::new(path) }.expect("opens")));
    // SAFETY: the symbol has this type in every followup plugin (`abi.rs`).
    let entry =
        unsafe { library.get::<unsafe extern "C" fn() -> *const PluginTable>(ENTRY_SYMBOL_V1) }
            .expect("the entry symbol is exported");
    // SAFETY: the function returns a static 1.2 table (these plugins speak ABI 1.2).
    unsafe { &*entry() }
}

/// Calls `render` or `export` with `request` and returns the answer's bytes.
fn call(
    table: &PluginTable,
    function: unsafe extern "C" fn(*const u8, usize, *mut Buffer) -> u32,
    request: &impl serde::Serialize,
) -> Vec<u8> {
    let input = serde_json::to_vec(request).expect("the request serialises");
    let mut out = Buffer::EMPTY;
    // SAFETY: `input` lives for the call, `out` is a writable slot.
    let status = unsafe { function(input.as_ptr(), input.len(), &mut out) };
    // SAFETY: the plugin answered `len` bytes at `ptr`; copied before they are freed.
    let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
    // SAFETY: freed once, by the library that allocated it.
    unsafe { (table.free_buffer)(out) };
    assert_eq!(status, STATUS_OK, "{}", String::from_utf8_lossy(&bytes));
    bytes
}

/// Every step of the plan of every bundled example and plan fixture (the letters are
/// planned only there), with the interview it is for.
fn steps() -> Vec<(String, followup_core::interview::Interview, Step)> {
    let mut steps = Vec::new();
    let mut paths: Vec<_> = ["docs/examples", "tests/plans"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(workspace_root().join(dir)).expect("the folder exists"))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let valid = valid_interview(&path);
        for step in plan_with_defaults(&valid).steps {
            steps.push((name.clone(), valid.interview.clone(), step));
        }
    }
    steps
}

/// Renders and exports `step` through `library`'s table, checking both raw answers
/// with `boon`; returns how many files the export gave.
fn check_step(
    boon: &Independent,
    table: &PluginTable,
    label: &str,
    interview: &followup_core::interview::Interview,
    step: &Step,
) -> usize {
    let request = RenderRequest::new(step, interview, Default::default());
    let answer: Value =
        serde_json::from_slice(&call(table, table.render, &request)).expect("a draft is JSON");
    boon.assert_valid("render-answer.schema.json", &format!("the draft of {label}"), &answer);
    let rendered: RenderedDraft = serde_json::from_value(answer).expect("the host reads it too");
    let request = ExportRequest::new(
        Draft::new(step, rendered),
        step.clone(),
        interview.clone(),
        Default::default(),
        Paper::Letter,
    );
    let answer: Value =
        serde_json::from_slice(&call(table, table.export, &request)).expect("files are JSON");
    boon.assert_valid("export-answer.schema.json", &format!("the files of {label}"), &answer);
    answer["files"].as_array().map_or(0, Vec::len)
}

#[test]
fn the_answer_schemas_accept_every_bundled_plugins_real_answers() {
    let boon = Independent::new();
    let steps = steps();
    for channel in ["email", "sms", "linkedin", "letter"] {
        let table = table(&workspace_plugin(channel));
        let ours: Vec<_> = steps.iter().filter(|(_, _, step)| step.channel == channel).collect();
        assert!(!ours.is_empty(), "the bundled examples plan some {channel} steps");
        for (example, interview, step) in ours {
            let label = format!("{example}, step `{}`", step.id);
            let files = check_step(&boon, table, &label, interview, step);
            assert!(files > 0, "{label} exports files");
        }
    }

    // The C example, on every thank-you and check-in of the examples given to it.
    let table = table(&c_example_plugin());
    let mut count = 0;
    for (example, interview, step) in &steps {
        if !matches!(step.purpose, Purpose::ThankYou | Purpose::CheckIn) {
            continue;
        }
        let mut step = step.clone();
        step.channel = "teams".to_string();
        let label = format!("{example}, step `{}` by teams", step.id);
        check_step(&boon, table, &label, interview, &step);
        count += 1;
    }
    assert!(count > 0, "the examples have thank-yous and check-ins");
}
