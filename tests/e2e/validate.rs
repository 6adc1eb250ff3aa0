//! `followup validate` as a user runs it, and the published schemas checked by an
//! independent JSON Schema implementation (`boon`), so that they are known to work with
//! other tools than ours.
//!
//! Inputs live in `tests/validate/`: broken files with one problem each (plus one with
//! many), broken style packs, and a JSON Lines file with two bad records.

use std::path::{Path, PathBuf};
use std::process::Command;

use followup_test_support::{ScratchDir, followup_binary};
use followup_tests::{Invocation, Run, run_followup, workspace_root};
use serde_json::Value;

/// Runs `followup validate` with `args` from the workspace root, with a home of its own
/// (no profile, no user plugins) and the bundled plugins beside the binary.
#[track_caller]
fn validate(args: &[&str]) -> Run {
    let mut all = vec!["validate"];
    all.extend_from_slice(args);
    run_followup(&all, &Invocation::default())
}

/// Each input of `tests/validate/` and the exit status it must give.
const CASES: [(&str, i32); 18] = [
    ("unknown-field.toml", 3),
    ("wrong-enum.toml", 3),
    ("missing-required.toml", 3),
    ("bad-zone.toml", 3),
    ("bad-phone.toml", 3),
    ("bad-country.toml", 3),
    ("end-before-start.toml", 3),
    ("manifest-bad-id.json", 3),
    ("unrecognised.json", 3),
    ("style-unknown-channel", 0),
    ("style-syntax-error", 3),
    ("style-undefined-variable", 3),
    ("style-sms-too-long", 3),
    ("style-linkedin-over-cap", 3),
    ("style-timing-out-of-order", 3),
    ("style-empty-placeholder", 3),
    ("many-problems.toml", 3),
    ("interviews.jsonl", 3),
];

#[test]
fn every_input_has_a_case() {
    let dir = workspace_root().join("tests").join("validate");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/validate exists")
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    on_disk.sort();
    let mut cases: Vec<String> = CASES.iter().map(|(name, _)| (*name).to_string()).collect();
    cases.sort();
    assert_eq!(on_disk, cases, "every input in tests/validate is listed in CASES");
}

#[test]
fn broken_inputs_are_reported_with_line_rule_and_hint() {
    for (name, code) in CASES {
        let path = format!("tests/validate/{name}");
        let run = if name.ends_with(".jsonl") {
            validate(&["--jsonl", &path])
        } else {
            validate(&[&path])
        };
        assert_eq!(run.code, code, "{name}: {}", run.transcript());
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let summary = run.stdout.lines().last().unwrap_or_default();
        if name.starts_with("many-problems") {
            assert!(summary.ends_with("10 problems"), "{summary}");
        } else if !name.ends_with(".jsonl") {
            // One problem each: an error, or a warning where the input is still valid.
            assert!(
                summary.ends_with(": 1 problem") || summary.ends_with(": ok, 1 warning"),
                "{name}: {summary}"
            );
        }
        insta::assert_snapshot!(name, run.transcript());
    }
}

#[test]
fn bundled_examples_and_the_example_style_pack_pass() {
    let mut args: Vec<String> = examples().iter().map(|p| relative(p)).collect();
    args.push("docs/examples/styles/staffing-network".to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = validate(&args);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout.lines().count(), args.len(), "one summary line per file: {}", run.stdout);
    assert!(run.stdout.lines().all(|l| l.ends_with(": ok")), "{}", run.stdout);
}

#[test]
fn json_lists_each_file_with_its_problems() {
    let run =
        validate(&["docs/examples/panel.toml", "tests/validate/bad-zone.toml", "--format", "json"]);
    assert_eq!(run.code, 3, "{}", run.transcript());
    let reports: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    insta::assert_json_snapshot!(reports, @r#"
    [
      {
        "file": "docs/examples/panel.toml",
        "kind": "interview",
        "ok": true,
        "problems": []
      },
      {
        "file": "tests/validate/bad-zone.toml",
        "kind": "interview",
        "ok": false,
        "problems": [
          {
            "column": 1,
            "field": "meeting.time_zone",
            "file": "tests/validate/bad-zone.toml",
            "hint": "did you mean `America/New_York`?",
            "level": "error",
            "line": 22,
            "message": "`America/New_Yrok` is not a known IANA time zone",
            "rule": "rule"
          }
        ]
      }
    ]
    "#);
}

#[test]
fn an_unreadable_file_wins_over_an_invalid_one() {
    let run = validate(&["tests/validate/bad-zone.toml", "tests/validate/no-such-file.toml"]);
    assert_eq!(run.code, 4, "{}", run.transcript());
    assert!(run.stdout.contains("no-such-file.toml: could not be read"), "{}", run.stdout);
}

#[test]
fn kind_can_be_forced_and_is_checked_against_that_schema() {
    let run = validate(&["--kind", "plan", "docs/examples/panel.toml"]);
    assert_eq!(run.code, 3, "{}", run.transcript());
    assert!(run.stdout.contains("steps: `steps` is missing [required]"), "{}", run.stdout);
    let run = validate(&["--jsonl", "--kind", "style", "tests/validate/interviews.jsonl"]);
    assert_eq!(run.code, 2, "--jsonl reads interviews only: {}", run.transcript());
}

/// The published schemas, compiled by `boon`.
pub(crate) struct Independent {
    schemas: boon::Schemas,
    compiled: Vec<(String, boon::SchemaIndex)>,
}

impl Independent {
    pub(crate) fn new() -> Independent {
        let mut compiler = boon::Compiler::new();
        let mut ids = Vec::new();
        for path in schema_files() {
            let schema = read_json(&path);
            let id = schema["$id"].as_str().expect("every schema has an $id").to_string();
            compiler.add_resource(&id, schema).expect("boon accepts the schema");
            ids.push((file_name(&path), id));
        }
        let mut schemas = boon::Schemas::new();
        let compiled = ids
            .into_iter()
            .map(|(name, id)| {
                let index = compiler
                    .compile(&id, &mut schemas)
                    .unwrap_or_else(|err| panic!("boon cannot compile {name}: {err:#}"));
                (name, index)
            })
            .collect();
        Independent { schemas, compiled }
    }

    #[track_caller]
    pub(crate) fn assert_valid(&self, schema_file: &str, what: &str, instance: &Value) {
        let (_, index) = self
            .compiled
            .iter()
            .find(|(name, _)| name == schema_file)
            .unwrap_or_else(|| panic!("no schema {schema_file}"));
        if let Err(err) = self.schemas.validate(instance, *index) {
            panic!("{what} does not conform to {schema_file} according to boon:\n{err:#}");
        }
    }
}

#[test]
fn an_independent_validator_accepts_the_bundled_examples() {
    let boon = Independent::new();
    for path in examples() {
        boon.assert_valid("interview.schema.json", &relative(&path), &read_toml(&path));
    }
    let style = workspace_root().join("docs/examples/styles/staffing-network/style.toml");
    boon.assert_valid("style.schema.json", &relative(&style), &read_toml(&style));
    for manifest in followup_tests::bundled_channels() {
        let value = serde_json::to_value(manifest).expect("a manifest serialises");
        boon.assert_valid("manifest.schema.json", &manifest.id, &value);
    }
    for (name, schema) in [
        ("interview.schema.json", "interview"),
        ("style.schema.json", "style"),
        ("manifest.schema.json", "manifest"),
        ("render-answer.schema.json", "render answer"),
        ("export-answer.schema.json", "export answer"),
    ] {
        // The schemas' own examples conform to them.
        let examples = read_json(&workspace_root().join("schemas").join(name))["examples"].clone();
        for example in examples.as_array().into_iter().flatten() {
            boon.assert_valid(name, &format!("the {schema} schema's example"), example);
        }
    }
}

#[test]
fn plans_and_drafts_of_the_examples_pass_both_validators() {
    let boon = Independent::new();
    let scratch = ScratchDir::new("validate-plans");
    let mut written = Vec::new();
    for path in examples() {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a file name").to_string();
        let example = relative(&path);
        for (command, schema) in [("plan", "plan.schema.json"), ("draft", "draft.schema.json")] {
            let output = Command::new(followup_binary())
                .args([command, &example, "--format", "json", "--now", "2026-11-24T18:00:00-06:00"])
                .current_dir(workspace_root())
                .env_clear()
                .env("HOME", scratch.path())
                .output()
                .expect("the followup binary runs");
            assert!(output.status.success(), "{command} {example}: {output:?}");
            let value: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
            match &value {
                // `followup draft` prints a list; the schema describes one draft.
                Value::Array(drafts) => {
                    for draft in drafts {
                        boon.assert_valid(schema, &format!("a draft of {example}"), draft);
                    }
                }
                plan => boon.assert_valid(schema, &format!("the plan of {example}"), plan),
            }
            written.push(scratch.write(&format!("{stem}-{command}.json"), &output.stdout_text()));
        }
    }
    let args: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = validate(&args);
    assert_eq!(run.code, 0, "our validator agrees: {}", run.transcript());
    assert!(run.stdout.lines().all(|l| l.ends_with(": ok")), "{}", run.stdout);
}

/// Output as text.
trait StdoutText {
    fn stdout_text(&self) -> String;
}

impl StdoutText for std::process::Output {
    fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Schemas whose root has no `examples` yet; core should add them (see the report of
/// issue 4). Remove a name from here once its schema has an example.
const WITHOUT_EXAMPLES: [&str; 0] = [];

#[test]
fn every_schema_names_and_describes_itself() {
    for path in schema_files() {
        let name = file_name(&path);
        let schema = read_json(&path);
        assert!(schema["$id"].as_str().is_some_and(|id| id.ends_with(&name)), "{name}: $id");
        assert!(schema["title"].as_str().is_some_and(|t| !t.is_empty()), "{name}: title");
        let has_example = schema["examples"].as_array().is_some_and(|e| !e.is_empty());
        assert_eq!(
            has_example,
            !WITHOUT_EXAMPLES.contains(&name.as_str()),
            "{name}: at least one example at the root (update WITHOUT_EXAMPLES when one is added)"
        );
        let mut undescribed = Vec::new();
        undescribed_properties(&schema, "", &mut undescribed);
        assert!(
            undescribed.is_empty(),
            "{name}: properties without a description: {undescribed:?}"
        );
    }
}

/// The JSON Pointers of every property schema without a `description`.
fn undescribed_properties(node: &Value, pointer: &str, found: &mut Vec<String>) {
    match node {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get("properties") {
                for (name, property) in properties {
                    if property.is_object() && property.get("description").is_none() {
                        found.push(format!("{pointer}/properties/{name}"));
                    }
                }
            }
            for (key, child) in object {
                undescribed_properties(child, &format!("{pointer}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                undescribed_properties(child, &format!("{pointer}/{index}"), found);
            }
        }
        _ => {}
    }
}

fn examples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("docs/examples"))
        .expect("docs/examples exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
}

fn schema_files() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("schemas"))
        .expect("schemas/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "the schemas are published: {paths:?}");
    paths
}

fn relative(path: &Path) -> String {
    path.strip_prefix(workspace_root()).unwrap_or(path).display().to_string()
}

fn file_name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 file name").to_string()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A TOML file as the JSON value a JSON Schema validator sees.
fn read_toml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    toml_to_json(toml::Value::Table(table))
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(number) => Value::from(number),
        toml::Value::Float(number) => Value::from(number),
        toml::Value::Boolean(flag) => Value::Bool(flag),
        toml::Value::Datetime(moment) => Value::String(moment.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}
